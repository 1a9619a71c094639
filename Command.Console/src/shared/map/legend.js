// The map key, built from the same tables the map draws with, so that the two cannot disagree.
import { h } from '../dom.js';
import { severityColour, severityLabel, staleColour, teamModeGlyph, teamModeLabel, teamStatusColour, teamStatusLabel } from '../labels.js';

/** `dispatchLines`: the page draws the 派警连线 (the console does; the leaders' situation map does not). */
export function createLegend({ dispatchLines = true } = {}) {
  const swatch = (colour) => h('span', { class: 'swatch', style: { '--swatch': colour } });
  const details = h('details', { class: 'legend', open: true },
    h('summary', {}, '图例'),
    h('div', { class: 'legend-group' }, h('div', { class: 'legend-title' }, '巡防队'),
      Object.entries(teamModeLabel).map(([mode, label]) => h('div', { class: 'legend-item' }, h('span', { class: `glyph mode-${mode}` }, teamModeGlyph[mode]), label)),
      Object.entries(teamStatusLabel).map(([status, label]) => h('div', { class: 'legend-item' }, swatch(teamStatusColour[status]), label)),
      h('div', { class: 'legend-item' }, swatch(staleColour), '位置过时')),
    h('div', { class: 'legend-group' }, h('div', { class: 'legend-title' }, '警情级别'),
      Object.entries(severityLabel).map(([level, label]) => h('div', { class: 'legend-item' }, h('span', { class: 'dot', style: { '--swatch': severityColour[level] } }), label)),
      h('div', { class: 'legend-item' }, h('span', { class: 'ring' }), '黄金时间倒计时'),
      dispatchLines ? h('div', { class: 'legend-item' }, h('span', { class: 'line' }), '派警连线') : null));
  return details;
}
