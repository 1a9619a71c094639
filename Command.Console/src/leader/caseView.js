// 查看案情: a leader opens any case from a row, a card or the map and reads it whole — the call as received, where it
// stands, the teams sent and where they are, the reports, the golden window and the timeline. Read-only: what a
// leader decides goes through 签收, 提级, 批示 and approvals, which the page keeps on the rows and cards.
import { get } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import {
  channelLabel, incidentStatusLabel, incidentTypeLabel, levelLabel, massCauseLabel, milestoneStateLabel,
  teamStatusLabel, timeWithDay, timelineKindLabel,
} from '../shared/labels.js';
import { severityBadge } from '../console/panels/incidentList.js';
import { describeTimelineEntry } from '../console/panels/timelineText.js';
import { instructionList } from './instructions.js';

let dialog = null;
let showing = null;

function ensureDialog() {
  if (dialog) return dialog;
  dialog = h('dialog', { id: 'case-view', class: 'case-view', attrs: { 'aria-labelledby': 'case-view-title' } });
  dialog.addEventListener('close', () => { showing = null; });
  document.body.append(dialog);
  return dialog;
}

/** Opens the case; a second call for the same case while it is open reloads it (the page calls it on IncidentChanged). */
export async function openCase(incidentId) {
  const box = ensureDialog();
  showing = incidentId;
  if (!box.open) {
    replace(box, h('p', { class: 'empty' }, '正在读取案情…'));
    box.showModal();
  }
  try {
    const [detail, timeline] = await Promise.all([
      get(`/api/incidents/${encodeURIComponent(incidentId)}`),
      get(`/api/incidents/${encodeURIComponent(incidentId)}/timeline`),
    ]);
    if (showing !== incidentId) return;
    replace(box, render(detail, timeline));
  } catch (e) {
    if (showing !== incidentId) return;
    replace(box, closeBar('案情'), h('p', { class: 'error', role: 'alert' }, `读取案情失败：${e.message}`));
  }
}

/** The case on screen, if any: the page reloads it when that case changes. */
export function caseOnScreen() {
  return dialog?.open ? showing : null;
}

function closeBar(title) {
  return h('header', { class: 'case-view-head' },
    h('h2', { id: 'case-view-title' }, title),
    h('button', { type: 'button', class: 'case-view-close', title: '关闭（Esc）', onclick: () => dialog.close() }, '关闭'));
}

function field(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return h('div', { class: 'cv-field' }, h('dt', {}, label), h('dd', {}, value));
}

function render(d, timeline) {
  const place = d.jurisdictionChain.filter((j) => j.level !== 'grid').map((j) => j.name).join(' · ');
  const callsignOf = (teamId) => d.assignments.find((a) => a.teamId === teamId)?.callsign ?? teamId;
  const reports = timeline.filter((e) => e.kind === 'reportSubmitted' || e.kind === 'fieldReport');
  return [
    closeBar(`${d.number} ${d.isMassIncident ? '群体性事件' : incidentTypeLabel[d.type] ?? d.type}`),
    h('div', { class: 'case-view-body' },
      h('section', { class: 'cv-call', attrs: { 'aria-label': '警情' } },
        h('p', { class: 'cv-badges' }, severityBadge(d.severity), ' ',
          h('span', { class: `status status-${d.status}` }, incidentStatusLabel[d.status] ?? d.status)),
        h('dl', {},
          field('接警', `${timeWithDay(d.receivedAt)} · ${channelLabel[d.channel] ?? d.channel}`),
          field('辖区', place),
          field('地址', d.address),
          field('报警内容', d.description),
          field('聚集人数', d.crowdSize != null ? `约 ${d.crowdSize} 人` : null),
          field('事件起因', d.isMassIncident && d.massCause ? massCauseLabel[d.massCause] ?? d.massCause : null),
          field('办结', d.closedAt ? `${timeWithDay(d.closedAt)}${d.resolution ? ` · ${d.resolution}` : ''}` : null))),
      h('section', { class: 'cv-teams' }, h('h3', {}, `处置力量（${d.assignments.length}）`),
        d.assignments.length
          ? h('ul', {}, d.assignments.map((a) => h('li', {},
            h('strong', {}, a.callsign), ' ', teamStatusLabel[a.status] ?? a.status,
            a.onSceneAt ? ` · ${timeWithDay(a.onSceneAt)} 到场` : '', a.clearedAt ? ` · ${timeWithDay(a.clearedAt)} 撤离` : '')))
          : h('p', { class: 'empty' }, '尚未派警')),
      d.milestones.length ? h('section', { class: 'cv-milestones' }, h('h3', {}, '黄金处置窗口'),
        h('ul', {}, d.milestones.map((m) => h('li', { class: `ms-${m.state}` },
          `${m.title}：${milestoneStateLabel[m.state] ?? m.state}`, m.metAt ? `（${timeWithDay(m.metAt)}）` : `（时限 ${timeWithDay(m.dueAt)}）`)))) : null,
      (d.escalations ?? []).length ? h('section', { class: 'cv-escalations' }, h('h3', {}, '督办'),
        h('ul', {}, d.escalations.map((e) => h('li', {},
          `${levelLabel[e.level] ?? e.level}${e.jurisdictionName} · ${timeWithDay(e.raisedAt)} · `,
          e.acknowledgedAt ? `${e.acknowledgedBy ?? ''}已签收` : e.passedUpTo ? `已上报至${e.passedUpTo}` : e.resolvedAt ? '随案办结' : '待签收',
          e.acknowledgementComment ? `：${e.acknowledgementComment}` : '')))) : null,
      (d.instructions ?? []).length ? h('section', { class: 'cv-instructions' }, h('h3', {}, '领导批示'), instructionList(d)) : null,
      h('section', { class: 'cv-reports' }, h('h3', {}, `报告与反馈（${reports.length}）`),
        reports.length
          ? h('ul', {}, reports.map((r) => h('li', {},
            h('span', { class: 'cv-when' }, timeWithDay(r.at)), ' ',
            r.kind === 'fieldReport' ? h('strong', {}, '处警反馈 ') : null,
            describeTimelineEntry(r, { milestones: d.milestones, callsignOf }), ' ',
            h('span', { class: 'tl-actor' }, r.actor === 'system' ? '系统' : r.actor))))
          : h('p', { class: 'empty' }, '暂无报告')),
      h('section', { class: 'cv-timeline' }, h('h3', {}, '时间线 ', h('a', {
        class: 'replay-link', id: 'case-view-replay', href: `/replay?incident=${encodeURIComponent(d.id)}`, target: '_blank', rel: 'noopener',
        title: '在地图上回放各警力的轨迹和时间线（新窗口）' }, '轨迹回放')),
        h('ol', { id: 'case-view-timeline' }, timeline.map((entry) => h('li', { dataset: { kind: entry.kind } },
          h('span', { class: 'tl-time' }, timeWithDay(entry.at)),
          h('span', { class: 'tl-kind' }, timelineKindLabel[entry.kind] ?? entry.kind),
          h('span', { class: 'tl-text' }, describeTimelineEntry(entry, { milestones: d.milestones, callsignOf })),
          h('span', { class: 'tl-actor' }, entry.actor === 'system' ? '系统' : entry.actor)))))),
  ];
}
