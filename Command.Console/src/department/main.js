// The 联动单位's page at /department, for a phone or a desk: the cases the department is called into, newest call
// first, each with its role (牵头/协作), its task and the 签收 countdown; 签收, then 反馈 as often as needed, the last
// one 处置完毕. The server pushes IncidentChanged for these cases to the department's hub group; a 30 s poll covers a
// push lost while the connection was down.
import { get, post } from '../shared/api.js';
import { showSignedIn } from '../shared/session.js';
import { connectionBadge } from '../shared/connectionBadge.js';
import { byId, h, replace, replaceKeepingFocus } from '../shared/dom.js';
import { connectHub } from '../shared/hub.js';
import { dueText, startTicker } from '../shared/ticker.js';
import { createDisputeHandovers } from './disputes.js';
import { incidentStatusLabel, incidentTypeLabel, personName, severityLabel, timeWithDay } from '../shared/labels.js';

const roleLabel = { lead: '牵头', support: '协作' };
const pollMs = 30000;

let cases = [];
// What is typed in each report box, by incident/call: a refresh (a push, the poll) re-renders and must not wipe it.
const drafts = new Map();
let busy = false;
let connectionState = 'connecting';
const setConnection = connectionBadge(byId('connection'));
const message = byId('department-message');
startTicker();
let username = null;
// act() is hoisted; the handovers are read once the user is known, and with every refresh after that.
const handovers = createDisputeHandovers({ act, me: () => username });

function say(text, error = false) {
  replace(message, text ?? '');
  message.classList.toggle('ok', !error);
}

async function refresh() {
  cases = await get('/api/departments/mine');
  render();
  if (username) await handovers.refresh();
}

function render() {
  const root = byId('cases');
  if (cases.length === 0) {
    replace(root, h('section', { class: 'card' }, h('p', { class: 'none', id: 'no-cases' }, '暂无调度任务。')));
    return;
  }
  replaceKeepingFocus(root, cases.flatMap((c) => c.calls.map((call) => callCard(c, call))));
}

function callCard(c, call) {
  const key = `${c.incidentId}/${call.number}`;
  const state = call.finishedAt ? h('span', { class: 'chip done' }, '已处置完毕')
    : call.receivedAt ? h('span', { class: 'chip' }, `已签收 ${timeWithDay(call.receivedAt)}${call.overdueAt ? '（超时签收）' : ''}`)
      : call.overdueAt ? h('span', { class: 'chip overdue' }, '未按时签收 ', dueText(call.dueAt))
        : h('span', { class: 'chip' }, '待签收 ', dueText(call.dueAt));
  const reports = (call.reports ?? []).map((r) => h('li', {}, `${timeWithDay(r.at)} ${r.final ? '【处置完毕】' : ''}${r.text}`));
  const actions = [];
  if (!call.receivedAt) {
    actions.push(h('button', { type: 'button', class: 'primary big', 'data-action': 'receive', onClick: () => act(`/api/incidents/${encodeURIComponent(c.incidentId)}/departments/${call.number}/receipt`, {}, '已签收') }, '签收'));
  } else if (!call.finishedAt) {
    const box = h('textarea', { rows: 3, maxlength: 2000, 'data-call': key, 'data-focus-key': key, placeholder: '反馈内容，例如“已到达现场，明火已扑灭”', 'aria-label': '反馈内容',
      style: { width: '100%', 'box-sizing': 'border-box' }, onInput: () => drafts.set(key, box.value) });
    box.value = drafts.get(key) ?? '';
    const send = (final) => act(`/api/incidents/${encodeURIComponent(c.incidentId)}/departments/${call.number}/reports`,
      { text: box.value, final }, final ? '已报处置完毕' : '反馈已提交', () => drafts.delete(key));
    actions.push(box,
      h('div', { class: 'report-buttons' },
        h('button', { type: 'button', class: 'big', 'data-action': 'report', onClick: () => send(false) }, '反馈'),
        h('button', { type: 'button', class: 'primary big', 'data-action': 'finish', onClick: () => send(true) }, '处置完毕')));
  }
  return h('section', { class: 'card department-call', 'data-incident': c.incidentId, 'data-call': String(call.number) },
    h('h2', {}, `${c.number} · ${incidentTypeLabel[c.type] ?? c.type} · `,
      h('span', { class: 'role' }, `${roleLabel[call.role] ?? call.role}单位`)),
    h('div', { class: 'team-meta' }, `${severityLabel[c.severity] ?? ''} · ${incidentStatusLabel[c.status] ?? c.status}${c.isMassIncident ? ' · 群体性事件' : ''}`),
    h('p', { class: 'address' }, `${c.jurisdictionName} ${c.address ?? ''}`),
    c.description ? h('p', {}, c.description) : null,
    h('p', { class: 'task' }, h('strong', {}, '任务：'), call.task),
    h('div', { class: 'team-meta' }, `${personName(call.calledBy)} 于 ${timeWithDay(call.calledAt)} 调度 · `, state),
    reports.length ? h('ul', { class: 'reports' }, reports) : null,
    ...actions);
}

async function act(path, body, done, after) {
  if (busy) return;
  busy = true;
  try {
    await post(path, body);
    after?.();
    say(done);
    await refresh();
  } catch (e) {
    say(e.message, true);
  } finally {
    busy = false;
  }
}

let refreshTimer = null;
const refreshSoon = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch((e) => say(e.message, true)), 100);
};
connectHub({
  handlers: { IncidentChanged: refreshSoon },
  onState: (state) => {
    connectionState = state;
    setConnection(state);
  },
  resync: refresh,
});
setInterval(refreshSoon, pollMs);

window.__department = Object.freeze({
  connectionState: () => connectionState,
  cases: () => cases.map((c) => ({ incidentId: c.incidentId, calls: c.calls.length })),
  disputes: () => handovers.count(),
});

showSignedIn(byId('user-box')).then((user) => {
  username = user.username;
  handovers.refresh().catch((e) => say(`读取矛盾纠纷对接失败：${e.message}`, true));
  replace(byId('department-name'), user.displayName);
  document.title = `${user.displayName} · 联动单位`;
}).catch(() => {});
refresh().catch((e) => say(`读取调度任务失败：${e.message}`, true));
