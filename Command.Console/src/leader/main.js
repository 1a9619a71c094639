// 领导督办 at /leader: open escalations to sign for (签收), the running golden windows of every active mass
// incident, 批示 on either, the 三个慎用 requests waiting for a decision, and today's headline figures. Live over the
// shared hub; after every (re)connect everything is fetched again, since events sent while disconnected are lost. 签收,
// 提级, 批示 and approvals are signed by the leader signed in (the server records them; nobody types a name).
import { ApiError, get, getAll, post } from '../shared/api.js';
import { showSignedIn } from '../shared/session.js';
import { connectHub } from '../shared/hub.js';
import { connectionBadge } from '../shared/connectionBadge.js';
import { byId, h, replace } from '../shared/dom.js';
import { dueText, startTicker } from '../shared/ticker.js';
import {
  approvalStateLabel, channelLabel, clockSpan, duration, escalationTriggerLabel, gateLabel, gateOrder, incidentStatusLabel,
  incidentTypeLabel, isOpenEscalation, levelLabel, levelRank, massCauseLabel, milestoneStateLabel, timeWithDay, severityLabel, timeOfDay,
} from '../shared/labels.js';
import { computeStats } from './stats.js';
import { pageMessage } from '../shared/pageMessage.js';
import { createAlarm, watchIncidents } from '../shared/alarm.js';
import { instructButton, instructionForm, instructionList } from './instructions.js';
import { caseOnScreen, openCase } from './caseView.js';
import { createFollowUps } from '../shared/followUps.js';
import { createSituationMap } from './situationMap.js';
import { createMajorDisputeBar } from '../shared/majorDisputes.js';

/** A case number that opens the case (查看案情): from every row and card. */
function caseLink(incidentId, number, cls = 'mono') {
  return h('button', { type: 'button', class: `case-link ${cls}`, title: '查看案情', dataset: { incident: incidentId }, onclick: () => openCase(incidentId) }, number);
}

const escalations = new Map(); // open ones, by id
const summaries = new Map(); // active incidents, by id
const details = new Map(); // active mass incidents' details, by id
let synced = false;
let connectionState = 'connecting';
let stats = null;

const say = pageMessage(5000);
const alarms = watchIncidents(createAlarm({ page: 'leader' }));

let me = null;
let followUps = null; // 跟踪督办: the leader's own items and those of their jurisdiction
// 态势图: created at once so that the first re-sync fills it; framed on the leader's jurisdiction once we know it.
const situation = createSituationMap(byId('situation-map'), { openCase });
const signedIn = showSignedIn(byId('user-box'));
signedIn.then((user) => {
  me = user;
  followUps = createFollowUps(byId('follow-ups'), { me, say });
  renderEscalations();
  situation.frame(user).catch((e) => say(`态势图读取辖区边界失败：${e.message}`, true));
}).catch((e) => say(`读取登录信息失败：${e.message}`, true));

/** 签收 and 提级 are for the leaders of the level a step reached, or higher (the server decides; this only spares the
 * leader buttons that would be refused). A step seen at all is in the leader's jurisdiction or above it. */
function mayLead(e) {
  if (!me?.jurisdictionLevel) return false;
  return e.jurisdictionId === me.jurisdictionId || (levelRank[e.level] ?? -1) > (levelRank[me.jurisdictionLevel] ?? 9);
}

// ---- Escalations (督办) -------------------------------------------------------------------------------------

const escalationBox = byId('escalations');

function escalationOrder(a, b) {
  // Highest level first (市级 > 县级 > 乡镇 > 村), then the newest.
  return (levelRank[a.level] ?? 9) - (levelRank[b.level] ?? 9) || new Date(b.raisedAt) - new Date(a.raisedAt);
}

function renderEscalations() {
  const open = [...escalations.values()].sort(escalationOrder);
  replace(byId('escalation-count'), open.length ? `${open.length} 条` : '');
  if (!open.length) {
    replace(escalationBox, h('p', { class: 'empty' }, '暂无待签收的督办'));
    return;
  }
  if (escalating && !escalations.has(escalating.id)) escalating = null;
  replace(escalationBox, h('table', { class: 'grid-table compact', id: 'escalation-table' },
    h('thead', {}, h('tr', {}, ['警情编号', '辖区', '层级', '带班领导', '升级原因', '升级时间', '提醒', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, open.map((e) => [h('tr', { dataset: { id: e.id, incident: e.incidentId }, class: `level-${e.level}` },
      h('td', { class: 'mono nowrap' }, caseLink(e.incidentId, e.incidentNumber)),
      h('td', { class: 'nowrap' }, e.jurisdictionName),
      h('td', {}, h('span', { class: `level level-${e.level}` }, levelLabel[e.level] ?? e.level)),
      h('td', {}, e.leaderOnDuty ?? '（未排班）'),
      h('td', { class: 'reason' }, h('strong', {}, escalationTriggerLabel[e.trigger] ?? e.trigger), '：', e.reason,
        mayLead(e) ? ackComment(e.id) : null),
      h('td', {}, timeOfDay(e.raisedAt), h('br'), h('span', { class: 'muted' }, '已 ', sinceSpan(e.raisedAt))),
      h('td', { class: e.reminders > 0 ? 'reminded' : '' }, e.reminders > 0 ? `${e.reminders} 次` : '—'),
      h('td', { class: 'row-actions' },
        mayLead(e) ? [
          h('button', { class: 'primary small ack', dataset: { id: e.id }, title: '签收这条督办（可先填写签收意见）', onClick: (ev) => acknowledge(e, ev.currentTarget) }, '签收'),
          h('button', {
            class: 'small escalate',
            dataset: { id: e.id },
            title: '报上一级领导处理（需说明理由）',
            onClick: () => openEscalate(e),
          }, '提级'),
        ] : h('span', { class: 'muted not-ours', title: '已报至上级，由该级领导签收' }, `待${e.jurisdictionName}签收`),
        instructButton(`row:${e.id}`, renderEscalations))),
    escalating?.id === e.id ? escalateRow(e) : null,
    instructionRow(e)]))));
}

function instructionRow(e) {
  const form = instructionForm(`row:${e.id}`, { id: e.incidentId, number: e.incidentNumber },
    { rerender: renderEscalations, say, done: () => refreshDetail(e.incidentId) });
  return form && h('tr', { class: 'instruction-row', dataset: { for: e.id } }, h('td', { attrs: { colspan: '8' } }, form));
}

// 提级: a leader takes the case one level higher than the rules would. The reason field survives live re-renders.
let escalating = null; // { id, reason (the input), busy }

function openEscalate(e) {
  escalating = escalating?.id === e.id ? null
    : { id: e.id, reason: h('input', { type: 'text', maxLength: 500, class: 'escalate-reason', placeholder: '提级理由（必填）：为何需要上一级领导处理' }), busy: false };
  renderEscalations();
  escalating?.reason.focus();
}

function escalateRow(e) {
  const state = escalating;
  const submit = async (ev) => {
    ev.preventDefault();
    const reason = state.reason.value.trim();
    if (!reason) {
      say('请填写提级理由', true);
      state.reason.focus();
      return;
    }
    state.busy = true;
    renderEscalations();
    try {
      const raised = await post(`/api/escalations/${encodeURIComponent(e.id)}/escalate`, { reason });
      if (escalating === state) escalating = null;
      say(`已提级：${e.incidentNumber} 报${raised?.jurisdictionName ?? '上一级'}${raised?.level ? `（${levelLabel[raised.level] ?? raised.level}）` : ''}`);
      await reloadEscalations();
    } catch (err) {
      state.busy = false;
      renderEscalations();
      say(`提级失败：${err instanceof ApiError ? err.message : err}`, true);
    }
  };
  return h('tr', { class: 'escalate-row', dataset: { for: e.id } }, h('td', { attrs: { colspan: '8' } },
    h('form', { class: 'decision escalate-form', onSubmit: submit },
      h('strong', {}, `提级 ${e.incidentNumber}`),
      state.reason,
      h('button', { type: 'submit', class: 'danger small confirm-escalate', disabled: state.busy }, '确认提级'),
      h('button', { type: 'button', class: 'small', onClick: () => { escalating = null; renderEscalations(); } }, '取消'))));
}

let reloadTimer = null;
function reloadEscalationsSoon() {
  if (reloadTimer) return;
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    reloadEscalations().catch((e) => console.warn('escalations reload failed', e));
  }, 300);
}

async function reloadEscalations() {
  const open = await get('/api/escalations?open=true');
  escalations.clear();
  for (const x of open) if (isOpen(x)) escalations.set(x.id, x);
  renderEscalations();
}

function sinceSpan(iso) {
  const el = h('span', { dataset: { since: iso }, class: 'since' }, duration(Date.now() - new Date(iso).getTime()));
  return el;
}

// 签收意见: an optional comment in the row, kept across the live re-renders while the leader types.
const ackComments = new Map(); // escalation id -> input

function ackComment(id) {
  let input = ackComments.get(id);
  if (!input) {
    input = h('input', { type: 'text', maxLength: 500, class: 'ack-comment', dataset: { id }, placeholder: '签收意见（可选），随签收记入时间线' });
    ackComments.set(id, input);
  }
  return input;
}

async function acknowledge(escalation, button) {
  button.disabled = true;
  try {
    const comment = ackComments.get(escalation.id)?.value.trim();
    const acknowledged = await post(`/api/escalations/${encodeURIComponent(escalation.id)}/ack`, comment ? { comment } : {});
    ackComments.delete(escalation.id);
    applyEscalation(acknowledged ?? { ...escalation, acknowledgedAt: new Date().toISOString() });
    say(`已签收 ${escalation.incidentNumber}（${escalation.jurisdictionName}）`);
  } catch (e) {
    button.disabled = false;
    say(`签收失败：${e instanceof ApiError ? e.message : e}`, true);
  }
}

function isOpen(e) {
  return isOpenEscalation(e);
}

function applyEscalation(e) {
  if (isOpen(e)) escalations.set(e.id, e);
  else escalations.delete(e.id);
  renderEscalations();
  refreshDetail(e.incidentId);
}

// ---- Golden windows and approvals (from the mass incidents' details) -----------------------------------------

const windowBox = byId('windows');
const approvalBox = byId('approvals');

function activeMass() {
  return [...details.values()]
    .filter((d) => d.isMassIncident && d.status !== 'closed')
    .sort((a, b) => new Date(a.massSince ?? a.receivedAt) - new Date(b.massSince ?? b.receivedAt));
}

function renderWindows() {
  const list = activeMass();
  replace(byId('window-count'), list.length ? `${list.length} 起` : '');
  if (!list.length) {
    replace(windowBox, h('p', { class: 'empty' }, '暂无在办群体性事件'));
    return;
  }
  replace(windowBox, list.map((d) => {
    const breached = (d.milestones ?? []).some((m) => m.state === 'breached');
    const chain = (d.jurisdictionChain ?? []).filter((j) => j.level !== 'city').map((j) => j.name).join(' › ');
    return h('article', { class: `window${breached ? ' has-breach' : ''}`, dataset: { incident: d.id } },
      h('header', {},
        caseLink(d.id, d.number, 'mono number'), ' ',
        h('span', { class: 'sev', dataset: { severity: String(d.severity) } }, severityLabel[d.severity] ?? ''), ' ',
        h('span', {}, d.massCause ? massCauseLabel[d.massCause] ?? d.massCause : incidentTypeLabel[d.type] ?? d.type),
        d.crowdSize != null ? h('span', { class: 'muted' }, ` · 约 ${d.crowdSize} 人`) : null),
      h('p', { class: 'muted where' }, chain, d.address ? ` · ${d.address}` : ''),
      h('p', { class: 'muted where' }, `${incidentStatusLabel[d.status] ?? d.status} · 已派 ${d.assignments?.filter((a) => !a.clearedAt).length ?? 0} 队 · 群体性事件自 ${timeOfDay(d.massSince ?? d.receivedAt)}`),
      windowStatus(d),
      instructionList(d),
      h('div', { class: 'card-actions' }, instructButton(`card:${d.id}`, renderWindows)),
      instructionForm(`card:${d.id}`, d, { rerender: renderWindows, say, done: () => refreshDetail(d.id, true) }),
      h('ul', { class: 'milestone-list' }, (d.milestones ?? []).map((m) => h('li', { class: `milestone ${m.state}`, dataset: { name: m.name, state: m.state } },
        h('span', { class: 'milestone-title' }, m.title),
        h('span', { class: 'milestone-due' }, `时限 ${timeWithDay(m.dueAt)}`),
        m.state === 'pending' ? dueText(m.dueAt, 'span', m.warnAt)
          : m.state === 'breached' ? h('span', { class: 'milestone-state', title: '已超时，仍未达成' }, dueText(m.dueAt, 'span', m.warnAt))
            : h('span', { class: 'milestone-state' }, `${milestoneStateLabel.met} ${timeOfDay(m.metAt)}`,
              m.metAt && new Date(m.metAt) > new Date(m.dueAt) ? `（晚 ${clockSpan(new Date(m.metAt) - new Date(m.dueAt))}）` : '')))));
  }));
}

/** Open escalations and the 三个慎用 gates of one incident, in a line. */
function windowStatus(d) {
  const open = (d.escalations ?? []).filter(isOpenEscalation);
  const approvals = new Map((d.approvals ?? []).map((a) => [a.gate, a]));
  return h('p', { class: 'window-status' },
    open.length ? h('span', { class: 'open-escalations' }, `待签收督办 ${open.length} 条`) : h('span', { class: 'muted' }, '督办均已签收'),
    gateOrder.map((gate) => {
      const state = approvals.get(gate)?.state ?? 'none';
      return h('span', { class: `gate-chip approval-${state}`, dataset: { gate, state } }, `${gateLabel[gate]}：${approvalStateLabel[state]}`);
    }));
}

// Approval cards keep their reason field across refreshes: a leader typing a reason must not lose it to a live event.
const approvalCards = new Map();

function pendingApprovals() {
  const list = [];
  for (const d of activeMass()) {
    for (const a of d.approvals ?? []) if (a.state === 'pending') list.push({ detail: d, approval: a });
  }
  return list.sort((x, y) => new Date(x.approval.requestedAt) - new Date(y.approval.requestedAt)
    || gateOrder.indexOf(x.approval.gate) - gateOrder.indexOf(y.approval.gate));
}

function renderApprovals() {
  const list = pendingApprovals();
  replace(byId('approval-count'), list.length ? `${list.length} 项` : '');
  const keep = new Set();
  const cards = list.map(({ detail: d, approval: a }) => {
    const key = `${d.id}|${a.gate}|${a.requestedAt}`;
    keep.add(key);
    let card = approvalCards.get(key);
    if (!card) {
      card = approvalCard(d, a);
      approvalCards.set(key, card);
    }
    return card;
  });
  for (const key of approvalCards.keys()) if (!keep.has(key)) approvalCards.delete(key);
  if (!cards.length) replace(approvalBox, h('p', { class: 'empty' }, '暂无待审批事项'));
  else replace(approvalBox, cards);
}

function approvalCard(d, a) {
  const reason = h('input', { type: 'text', maxLength: 500, placeholder: '审批意见（必填）', class: 'decision-reason' });
  const buttons = [];
  const decide = async (approved) => {
    if (!reason.value.trim()) {
      say('请填写审批意见', true);
      reason.focus();
      return;
    }
    for (const b of buttons) b.disabled = true;
    try {
      await post(`/api/incidents/${encodeURIComponent(d.id)}/approvals/${encodeURIComponent(a.gate)}/decision`,
        { approved, reason: reason.value.trim() });
      say(`${d.number} ${gateLabel[a.gate] ?? a.gate}：${approved ? '已批准' : '已拒绝'}`);
      await refreshDetail(d.id, true);
    } catch (e) {
      for (const b of buttons) b.disabled = false;
      say(`审批失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  };
  buttons.push(h('button', { class: 'primary small approve', type: 'button', onClick: () => decide(true) }, '批准'));
  buttons.push(h('button', { class: 'danger small refuse', type: 'button', onClick: () => decide(false) }, '拒绝'));
  return h('article', { class: 'approval', dataset: { incident: d.id, gate: a.gate } },
    h('header', {}, h('strong', { class: 'gate' }, gateLabel[a.gate] ?? a.gate), ' ', caseLink(d.id, d.number),
      h('span', { class: 'muted' }, ` · ${(d.jurisdictionChain ?? []).filter((j) => j.level !== 'city').map((j) => j.name).slice(0, 2).join(' › ')}`)),
    h('p', {}, h('span', { class: 'muted' }, `${a.requestedBy} 于 ${timeOfDay(a.requestedAt)} 申请：`), a.reason),
    h('p', { class: 'muted' }, `已派 ${d.assignments?.filter((x) => !x.clearedAt).length ?? 0} 队 · 约 ${d.crowdSize ?? '?'} 人`),
    h('div', { class: 'decision' }, reason, buttons));
}

// ---- Details: fetched for active mass incidents, refreshed on their events (coalesced) ------------------------

const inFlight = new Map();
async function refreshDetail(id, force = false) {
  if (!force && inFlight.has(id)) return inFlight.get(id);
  const job = (async () => {
    try {
      const d = await get(`/api/incidents/${encodeURIComponent(id)}`);
      if (d.isMassIncident && d.status !== 'closed') details.set(id, d);
      else details.delete(id);
      situation.setMilestones(id, d.status !== 'closed' ? d.milestones : null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) details.delete(id);
    } finally {
      inFlight.delete(id);
    }
    renderWindows();
    renderApprovals();
  })();
  inFlight.set(id, job);
  return job;
}

// ---- Headline figures for today -----------------------------------------------------------------------------

const statsBox = byId('stats');
const statsDetails = new Map(); // id -> detail, reused while the summary's version is unchanged
let statsTimer = null;

function scheduleStats(delay = 1000) {
  if (statsTimer) return;
  statsTimer = setTimeout(async () => {
    statsTimer = null;
    try {
      stats = await computeStats(statsDetails);
      renderStats();
    } catch (e) {
      console.warn('stats failed', e);
    }
  }, delay);
}

function renderStats() {
  if (!stats) {
    replace(statsBox, h('h2', {}, '今日概况'), h('p', { class: 'muted' }, '正在统计…'));
    return;
  }
  const figure = (key, label, value, extra) => h('div', { class: `figure${extra ? ` ${extra}` : ''}`, dataset: { figure: key } },
    h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label));
  const med = (ms) => (ms == null ? '—' : duration(ms));
  replace(statsBox,
    h('h2', {}, `今日概况 `, h('span', { class: 'count' }, `${stats.date}（北京时间） · 共 ${stats.total} 起`)),
    h('div', { class: 'figures' },
      [110, 119, 120, 122].map((c) => figure(`channel-${c}`, channelLabel[c], String(stats.byChannel[c] ?? 0))),
      figure('mass', '群体性事件', String(stats.mass), stats.mass ? 'warn' : ''),
      figure('breaches', '节点超时', String(stats.breaches), stats.breaches ? 'bad' : ''),
      figure('dispatch', `派警用时中位数（${stats.dispatchedCount} 起）`, med(stats.medianDispatchMs)),
      figure('arrival', `到场用时中位数（${stats.arrivedCount} 起）`, med(stats.medianArrivalMs))));
}

// ---- Live feed ------------------------------------------------------------------------------------------------

async function resync() {
  followUps?.reload();
  situation.beginSync();
  let open;
  let active;
  try {
    let teams;
    [open, active, teams] = await Promise.all([get('/api/escalations?open=true'), getAll('/api/incidents?active=true'), get('/api/teams')]);
    situation.reset(teams, active);
  } catch (e) {
    situation.abortSync();
    throw e;
  }
  escalations.clear();
  for (const e of open) if (isOpen(e)) escalations.set(e.id, e);
  summaries.clear();
  for (const s of active) if (s.status !== 'closed') summaries.set(s.id, s);
  alarms.snapshot(active);
  renderEscalations();
  const mass = active.filter((s) => s.isMassIncident && s.status !== 'closed');
  for (const id of details.keys()) if (!mass.some((s) => s.id === id)) details.delete(id);
  await Promise.all(mass.map((s) => refreshDetail(s.id, true)));
  renderWindows();
  renderApprovals();
  synced = true;
  scheduleStats(0);
}

const setConnection = connectionBadge(byId('connection'));
const reportMajorDispute = createMajorDisputeBar(document.querySelector('.leader-main'));
connectHub({
  handlers: {
    MajorDisputeReported: (dispute) => reportMajorDispute(dispute),
    IncidentChanged: (s) => {
      situation.incident(s);
      if (s.status === 'closed') summaries.delete(s.id);
      else summaries.set(s.id, s);
      alarms.incident(s);
      if (s.isMassIncident || details.has(s.id)) refreshDetail(s.id);
      // A reminder or a climb changes an open escalation without an escalation event of its own.
      if ([...escalations.values()].some((e) => e.incidentId === s.id)) reloadEscalationsSoon();
      if (caseOnScreen() === s.id) openCase(s.id);
      scheduleStats();
    },
    MilestoneChanged: (event) => {
      refreshDetail(event.incidentId);
      alarms.milestone(event);
      if (event.change === 'breached' || event.change === 'met') scheduleStats();
    },
    TeamStatusChanged: (team) => situation.teamStatus(team),
    TeamsMoved: (moves) => situation.teamsMoved(moves),
    EscalationRaised: applyEscalation,
    EscalationAcknowledged: applyEscalation,
  },
  onState: (state, info) => {
    connectionState = state;
    setConnection(state, info);
  },
  resync,
});

renderEscalations();
renderWindows();
renderApprovals();
renderStats();
startTicker();
// The figures also move with the clock (a new day, incidents closed elsewhere): recount every minute.
setInterval(() => scheduleStats(0), 60_000);

// Read-only hooks for the browser tests.
window.__leader = Object.freeze({
  get synced() { return synced; },
  connectionState: () => connectionState,
  openEscalations: () => [...escalations.keys()],
  stats: () => stats,
  situation: situation.hooks,
});
