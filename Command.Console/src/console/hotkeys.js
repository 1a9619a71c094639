// Keyboard-first call-taking on the duty officer's console: a new call, dispatching the first recommended team of
// the open incident and closing the panel without the mouse, and a 快捷键 legend listing them. The function keys and
// Alt combinations work while typing (they type nothing); ? and a bare Esc outside the call form do not fire in a
// text field, where they belong to the text.
import { h, replace } from '../shared/dom.js';

export const hotkeyLegend = [
  { keys: ['F2', 'Alt+N'], label: '接警登记（新警情）' },
  { keys: ['F4', 'Alt+P'], label: '派警：向当前警情派出第一推荐警力' },
  { keys: ['↑', '↓', '回车'], label: '在地址候选中选择' },
  { keys: ['Ctrl+回车'], label: '保存警情（接警登记中）' },
  { keys: ['Esc'], label: '关闭地址候选 / 关闭接警登记或警情详情' },
  { keys: ['?'], label: '显示或隐藏本说明' },
];

/**
 * newCall opens (or focuses) the call form; closePanel closes the call form or the incident shown. The first 派警
 * button of 推荐警力 (#detail-recommendations button.dispatch) is clicked as it is, so whatever it does on a click
 * (an approval for a 4th team, a refusal shown in the panel) it does here too.
 */
export function installHotkeys({ newCall, closePanel }) {
  const toast = h('div', { id: 'hotkey-toast', class: 'hotkey-toast', attrs: { role: 'status', 'aria-live': 'polite' } });
  toast.hidden = true;
  const help = legendDialog(() => toggleHelp(false));
  document.body.append(toast, help);
  const button = h('button', {
    id: 'hotkey-help-button', type: 'button', class: 'hotkey-button', title: '快捷键说明（?）',
    attrs: { 'aria-haspopup': 'dialog', 'aria-controls': 'hotkey-help' }, onClick: () => toggleHelp(help.hidden),
  }, '快捷键 ?');
  const tools = document.querySelector('.topbar-tools');
  tools?.insertBefore(button, document.getElementById('connection'));

  let toastTimer = null;
  function say(text) {
    replace(toast, text);
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 4000);
  }

  function toggleHelp(open) {
    help.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) help.querySelector('button')?.focus();
  }

  function dispatchFirst() {
    const panel = document.getElementById('incident-panel');
    if (!panel || panel.hidden || !panel.querySelector('#detail-number')) {
      say('请先在警情列表中选中一条警情，再按 F4 派警。');
      return;
    }
    const first = panel.querySelector('#detail-recommendations button.dispatch:not([disabled])');
    if (!first) {
      say('当前警情没有可派的推荐警力。');
      return;
    }
    first.click();
  }

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    const combo = comboOf(e);
    if (combo === 'F2' || combo === 'Alt+N') {
      e.preventDefault();
      toggleHelp(false);
      newCall();
    } else if (combo === 'F4' || combo === 'Alt+P') {
      e.preventDefault();
      dispatchFirst();
    } else if (combo === 'Escape') {
      if (!help.hidden) {
        e.preventDefault();
        toggleHelp(false);
      } else if (e.target.closest?.('#create-panel') || !isTyping(e.target)) {
        e.preventDefault();
        closePanel();
      } else {
        // Esc in a field of the incident panel leaves the field first, so half-typed text is not closed away.
        e.target.blur();
      }
    } else if (combo === '?' && !isTyping(e.target)) {
      e.preventDefault();
      toggleHelp(help.hidden);
    }
  });

  return { say, toggleHelp };
}

function comboOf(e) {
  if (e.altKey && !e.ctrlKey && !e.metaKey && /^Key[A-Z]$/.test(e.code)) return `Alt+${e.code.slice(3)}`;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return e.key;
}

function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

function legendDialog(onClose) {
  const dialog = h('div', { id: 'hotkey-help', class: 'hotkey-help', attrs: { role: 'dialog', 'aria-label': '快捷键说明' } },
    h('div', { class: 'hotkey-help-head' }, h('h2', {}, '快捷键'), h('button', { type: 'button', class: 'close-x', attrs: { 'aria-label': '关闭快捷键说明' }, onClick: onClose }, '×')),
    h('table', { class: 'hotkey-table' }, h('tbody', {}, hotkeyLegend.map((k) => h('tr', {},
      h('td', {}, k.keys.map((key, i) => [i > 0 ? ' / ' : '', h('kbd', {}, key)])),
      h('td', {}, k.label))))),
    h('p', { class: 'hint' }, '功能键和 Alt 组合键在输入框中也可用；? 在输入框外可用。'));
  dialog.hidden = true;
  return dialog;
}
