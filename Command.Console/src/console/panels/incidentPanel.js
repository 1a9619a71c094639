// 警情详情: what the duty officer works on. The call as taken, the 接警→派警→到场→处置→办结 progress, golden-window
// milestones counting down, 推荐警力 with 预计到达 and a 派警 button each, the teams sent with their status timers,
// 处置 and 办结, and the timeline. Every text from the call is set as text: it may contain anything.
import { awaitsMySignature, createTransferPart } from './transfer.js';
import { ApiError, get, post } from '../../shared/api.js';
import { h, replace } from '../../shared/dom.js';
import { dueText, sinceText } from '../../shared/ticker.js';
import {
  approvalStateLabel, channelLabel, clockSpan, dateTime, escalationTriggerLabel, gateLabel, gateOrder,
  incidentStatusLabel, incidentStatusOrder, incidentTypeLabel, isOpenEscalation, levelLabel, massCauseLabel, massCauseOrder,
  milestoneStateLabel, timeWithDay, reportKindLabel, severityLabel, teamModeLabel, timelineKindLabel, timeOfDay,
} from '../../shared/labels.js';
import { severityBadge } from './incidentList.js';
import { statusChip } from './teamBoard.js';
import { nextStepButton, nextStepOf } from './refusalSteps.js';
import { recommendationSection as recommendationParts } from './recommendations.js';
import { caseExtras, createCaseControl } from './caseControl.js';
import { instructionSection } from './instructions.js';
import { describeTimelineEntry } from './timelineText.js';
import { createFollowUps } from '../../shared/followUps.js';
import { majorReportsSection } from './majorReports.js';
import { createDepartmentsPart } from './departments.js';

const massGuidance = '宜散不宜聚、宜解不宜结、宜顺不宜激';

export function createIncidentPanel(container, { store, incidentLayer, onTeamFocus, isStale, user }) {
  let incidentId = null;
  let detail = null;
  let recommendations = [];
  let recommendationError = null;
  let neighbours = [];
  let timeline = [];
  let message = null;
  let pendingAction = null;
  let loadSeq = 0;
  let signedAway = null;

  async function load({ recs = true } = {}) {
    if (!incidentId) return;
    const seq = ++loadSeq;
    const id = incidentId;
    try {
      const [d, t] = await Promise.all([get(`/api/incidents/${encodeURIComponent(id)}`), get(`/api/incidents/${encodeURIComponent(id)}/timeline`)]);
      if (seq !== loadSeq) return;
      detail = d;
      timeline = t;
      incidentLayer.setMilestones(id, d.milestones);
      if (recs) await loadRecommendations(seq);
    } catch (e) {
      if (seq !== loadSeq) return;
      // A 转警 decided elsewhere took the case out of this desk: say where it went, not "not found", and keep saying
      // so on the reloads that follow. The push that dropped it says how it was decided; without it (missed while
      // reconnecting) the last detail still tells where it was going.
      const away = detail?.id === id && detail.transfer?.state === 'pending' && e.status === 404 ? detail : null;
      if (away && signedAway?.id !== id) signedAway = { id, text: `警情${away.number}已转出本辖区（${away.transfer.fromName}转${away.transfer.toName}），请以${away.transfer.toName}签收结果为准。` };
      message = e.status === 404 && signedAway?.id === id
        ? { error: false, text: signedAway.text }
        : { error: true, text: `读取警情失败：${e.message}` };
      if (away) detail = null;
    }
    if (seq === loadSeq) render();
  }

  async function loadRecommendations(seq = loadSeq) {
    if (!detail || detail.status === 'closed') {
      recommendations = [];
      return;
    }
    try {
      const found = await get(`/api/incidents/${encodeURIComponent(detail.id)}/recommendations?limit=5`);
      if (seq !== loadSeq) return;
      // 警力不足: nobody of its own to send, so the bordering counties' nearest teams are offered.
      const nearby = found.length ? [] : await get(`/api/incidents/${encodeURIComponent(detail.id)}/neighbour-support?limit=3`).catch(() => []);
      if (seq !== loadSeq) return;
      recommendations = found;
      neighbours = nearby;
      recommendationError = null;
    } catch (e) {
      recommendationError = e.message;
    }
  }

  async function act(label, fn) {
    message = null;
    try {
      await fn();
      message = { error: false, text: `${label}成功` };
      pendingAction = null;
    } catch (e) {
      message = { error: true, text: `${label}失败：${e instanceof ApiError ? e.message : e}`, step: nextStepOf(e), what: label };
    }
    await load();
    // The officer may have clicked far down the panel (派警 in 推荐警力): bring the outcome into view.
    parts.message?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }

  const caseControl = createCaseControl({
    act,
    getPending: () => pendingAction,
    setPending: (name) => { pendingAction = name; render(); },
    otherIncidents: (id) => [...store.incidents.values()].filter((i) => i.id !== id && i.status !== 'closed')
      .sort((a, b) => new Date(b.receivedAt) - new Date(a.receivedAt)),
  });

  function dispatch(teamId, callsign) {
    return act(`派警（${callsign}）`, () => post(`/api/incidents/${encodeURIComponent(detail.id)}/assignments`, { teamId }));
  }

  // The panel is a fixed set of parts, refreshed in place: a reload while the officer types a resolution must not
  // throw away the text or the focus, so the actions part is left alone while one of its forms is open.
  const parts = {};
  let article = null;
  let actionsFor = null;
  let reportsFor = null;
  let transferPart = null;
  let departmentsPart = null;

  function render() {
    if (!incidentId) {
      article = null;
      replace(container, h('div', { class: 'empty-detail' },
        h('h2', {}, '警情详情'),
        h('p', {}, '在左侧列表或地图上选择一起警情；新的报警请点上方“接警登记”。')));
      return;
    }
    if (!detail) {
      article = null;
      replace(container, h('div', { class: 'empty-detail' }, message ? h('p', { class: message.error ? 'warning' : 'panel-message', attrs: { role: 'status' } }, message.text) : h('p', {}, '正在读取警情…')));
      return;
    }
    const d = detail;
    const closed = d.status === 'closed';
    if (!article || article.dataset.id !== d.id) {
      // What the officer acts on first, on a laptop's height without scrolling: the call, who is sent, 推荐警力 with
      // its 派警 buttons; then the countdowns and actions; the long secondary parts (principles, gates, timeline) last.
      for (const name of ['head', 'progress', 'message', 'instructions', 'transfer', 'info', 'assignments', 'recommendations', 'departments', 'milestones', 'majorReports', 'escalations', 'actions', 'guidance', 'gates', 'resolution', 'followUps', 'timeline']) {
        parts[name] = h('div', { class: `part part-${name}` });
      }
      article = h('article', { class: 'incident-detail', dataset: { id: d.id } }, Object.values(parts));
      transferPart = createTransferPart(parts.transfer, { act, user });
      departmentsPart = createDepartmentsPart(parts.departments, { act });
      // 跟踪督办 outlives the case's 办结: the items are fetched with the case and after each step taken on them.
      const followUpList = h('div', { id: 'detail-follow-ups' });
      replace(parts.followUps, h('section', { class: 'follow-ups' }, h('h3', {}, '跟踪督办'), followUpList));
      createFollowUps(followUpList, { incident: { id: d.id, number: d.number }, me: user, say: (text, error) => { message = { error: !!error, text }; render(); } });
      actionsFor = null;
      reportsFor = null;
      replace(container, article);
    }
    article.dataset.status = d.status;
    replace(parts.head, h('header', { class: 'detail-head' },
      h('h2', {}, severityBadge(d.severity), ' ', h('span', { class: 'mono', id: 'detail-number' }, d.number), ' ',
        h('span', { class: 'detail-type' }, typeText(d))),
      h('button', { class: 'close-x', title: '关闭', attrs: { 'aria-label': '关闭详情' }, onClick: () => store.select(null) }, '×')));
    replace(parts.progress, progress(d));
    replace(parts.message, message && h('div', { class: `panel-message${message.error ? ' error' : ''}`, attrs: { role: 'status' } }, message.text,
      nextStepButton(message.step, { incidentId: d.id, what: message.what, say: (m) => { message = m; return load(); }, refreshTeams: () => loadRecommendations() })));
    replace(parts.instructions, instructionSection(d, { done: () => load({ recs: false }), say: (text) => { message = { error: true, text }; render(); } }));
    transferPart.render(d);
    replace(parts.guidance, d.isMassIncident && h('div', { class: 'guidance' }, h('strong', {}, '群体性事件处置原则：'), massGuidance));
    replace(parts.info, infoList(d));
    replace(parts.milestones, d.milestones?.length > 0 && milestonesSection(d));
    replace(parts.gates, d.isMassIncident && gatesSection(d));
    const reportsKey = `${JSON.stringify(d.majorReports ?? [])}|${pendingAction}`;
    if (reportsFor !== reportsKey) {
      reportsFor = reportsKey;
      const pending = pendingAction?.startsWith('majorReport:') ? pendingAction.slice('majorReport:'.length) : null;
      replace(parts.majorReports, majorReportsSection(d, {
        pending,
        open: (kind) => { pendingAction = kind ? `majorReport:${kind}` : null; render(); },
        submit: (kind, text) => act(`报告报送（${reportKindLabel[kind]}）`, () => post(`/api/incidents/${encodeURIComponent(d.id)}/reports`, { kind, text })),
      }));
    }
    replace(parts.escalations, d.escalations?.length > 0 && escalationsSection(d));
    replace(parts.assignments, assignmentsSection(d));
    departmentsPart.render(d);
    // Transferred here but not yet signed: still the sender's case, so only 签收 or 退回 it (the server refuses the rest).
    const unsigned = awaitsMySignature(d, user);
    replace(parts.recommendations, !closed && !unsigned && recommendationSection());
    const actionsKey = `${d.status}|${d.isMassIncident}|${pendingAction}|${unsigned}`;
    if (actionsFor !== actionsKey) {
      actionsFor = actionsKey;
      replace(parts.actions, !closed && !unsigned && actionsSection(d));
    }
    replace(parts.resolution, closed && d.resolution && h('section', {}, h('h3', {}, '办结情况'), h('p', { class: 'resolution' }, d.resolution)));
    replace(parts.timeline, timelineSection());
  }

  function progress(d) {
    const times = { received: d.receivedAt, dispatched: d.dispatchedAt, onScene: d.onSceneAt, handling: d.handlingAt, closed: d.closedAt };
    const current = incidentStatusOrder.indexOf(d.status);
    // A step passed without its time (closed before any team arrived, say) did not happen: drawn as skipped, not done.
    const skipped = (s, i) => i < current && !times[s];
    return h('ol', { class: 'progress', id: 'detail-progress' }, incidentStatusOrder.map((s, i) => h('li', {
      class: skipped(s, i) ? 'skipped' : i < current ? 'done' : i === current ? 'current' : '',
      dataset: { step: s },
    }, h('span', { class: 'step-name' }, incidentStatusLabel[s]), h('span', { class: 'step-time' }, skipped(s, i) ? '未经' : times[s] ? timeOfDay(times[s]) : ''))));
  }

  function infoList(d) {
    const chain = (d.jurisdictionChain ?? []).filter((j) => j.level !== 'city').map((j) => j.name).join(' › ');
    const rows = [
      ['报警渠道', channelLabel[d.channel] ?? String(d.channel)],
      ['警情级别', severityLabel[d.severity] ?? String(d.severity)],
      ['接警时间', dateTime(d.receivedAt)],
      ['地址', d.address ?? '（未填）'],
      ['所属辖区', chain + (d.outsideBoundary ? '（辖区外，就近划归）' : '')],
      ['报警电话', d.callerPhone ?? '（未留）'],
      d.isMassIncident && d.massCause ? ['事件起因', massCauseLabel[d.massCause] ?? d.massCause] : null,
      d.isMassIncident || d.crowdSize != null ? ['聚集人数', d.crowdSize != null ? `约 ${d.crowdSize} 人` : '（未报）'] : null,
    ].filter(Boolean);
    return h('section', {},
      h('dl', { class: 'info' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('h3', {}, '警情描述'),
      h('p', { class: 'description', id: 'detail-description' }, d.description ?? '（无）'),
      d.dispatchOverdueAt && h('p', { class: 'warning' }, `派警超时（${timeOfDay(d.dispatchOverdueAt)}）`),
      caseExtras(d));
  }

  function milestonesSection(d) {
    return h('section', { class: 'milestones' }, h('h3', {}, '黄金时间节点'),
      h('ul', {}, d.milestones.map((m) => h('li', { class: `milestone ${m.state}`, dataset: { name: m.name } },
        h('span', { class: 'milestone-title' }, m.title),
        h('span', { class: 'milestone-due' }, `时限 ${timeWithDay(m.dueAt)}`),
        m.state === 'pending' ? dueText(m.dueAt, 'span', m.warnAt)
          // Breached and still unmet: how late it is now, in red; met late shows when it was met.
          : m.state === 'breached' ? h('span', { class: 'milestone-state', title: milestoneStateLabel.breached }, dueText(m.dueAt, 'span', m.warnAt))
          : h('span', { class: 'milestone-state' }, milestoneStateLabel[m.state] ?? m.state,
            m.metAt ? ` ${timeOfDay(m.metAt)}` : '', m.metBy ? `（${m.metBy}）` : '')))));
  }

  function gatesSection(d) {
    const approvals = new Map((d.approvals ?? []).map((a) => [a.gate, a]));
    return h('section', { class: 'gates' }, h('h3', {}, '三个慎用'),
      h('table', { class: 'grid-table compact', id: 'detail-gates' },
        h('thead', {}, h('tr', {}, ['事项', '状态', '审批', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, gateOrder.map((gate) => {
          const a = approvals.get(gate);
          const state = a?.state ?? 'none';
          return h('tr', { dataset: { gate, state } },
            h('td', {}, gateLabel[gate]),
            h('td', {}, h('span', { class: `approval-state approval-${state}` }, approvalStateLabel[state] ?? state)),
            h('td', { class: 'approval-note' },
              a ? [h('span', { class: 'muted' }, `${a.requestedBy} 申请：`), a.reason] : '',
              a?.decidedBy ? [h('br'), h('span', { class: 'muted' }, `${a.decidedBy} ${timeOfDay(a.decidedAt)}：`), a.decisionReason ?? ''] : ''),
            h('td', {}, d.status !== 'closed' && state !== 'pending' && state !== 'approved'
              && h('button', { class: 'small request-approval', dataset: { gate }, onClick: () => { pendingAction = `approval:${gate}`; render(); } }, '申请审批')));
        }))));
  }

  function escalationsSection(d) {
    const list = [...d.escalations].sort((a, b) => new Date(b.raisedAt) - new Date(a.raisedAt));
    return h('section', { class: 'escalations' }, h('h3', {}, `升级督办（${list.filter(isOpenEscalation).length} 条待签收）`),
      h('ul', { id: 'detail-escalations' }, list.map((e) => {
        const state = e.acknowledgedAt ? 'acknowledged' : e.resolvedAt ? 'resolved' : e.passedUpAt ? 'passedUp' : 'open';
        return h('li', { class: `escalation ${state}`, dataset: { id: e.id, state } },
          h('span', { class: 'esc-level' }, levelLabel[e.level] ?? e.level, ' ', e.jurisdictionName),
          h('span', { class: 'esc-reason' }, escalationTriggerLabel[e.trigger] ?? e.trigger, '：', e.reason),
          h('span', { class: 'esc-state' },
            state === 'acknowledged' ? `已签收（${e.acknowledgedBy ?? ''} ${timeOfDay(e.acknowledgedAt)}）${e.acknowledgementComment ? `：${e.acknowledgementComment}` : ''}`
              : state === 'resolved' ? `已办结 ${timeOfDay(e.resolvedAt)}`
                : state === 'passedUp' ? `已上报至${e.passedUpTo ?? '上一级'} ${timeOfDay(e.passedUpAt)}`
                : `待签收${e.leaderOnDuty ? `（${e.leaderOnDuty}）` : ''}${e.reminders ? `，已提醒 ${e.reminders} 次` : ''}`),
          h('span', { class: 'esc-time muted' }, timeOfDay(e.raisedAt)));
      })));
  }

  function assignmentsSection(d) {
    return h('section', { class: 'assignments' }, h('h3', {}, `已派警力（${d.assignments.length}）`),
      d.assignments.length === 0 ? h('p', { class: 'muted' }, '尚未派警')
        : h('table', { class: 'grid-table compact', id: 'detail-assignments' },
          h('thead', {}, h('tr', {}, ['巡防队', '状态', '状态用时', '派警时间'].map((t) => h('th', {}, t)))),
          h('tbody', {}, d.assignments.map((a) => {
            const team = store.teams.get(a.teamId);
            return h('tr', { dataset: { team: a.teamId }, onClick: () => onTeamFocus?.(a.teamId) },
              h('td', {}, a.callsign, !awaitsMySignature(d, user) && caseControl.teamActions(d, a)),
              h('td', {}, a.clearedAt ? h('span', { class: 'muted', title: a.clearedReason ?? '' }, `已解除 ${timeOfDay(a.clearedAt)}`) : statusChip({ status: a.status }, team ? isStale(team) : false)),
              h('td', {}, a.clearedAt ? '' : sinceText(a.statusSince)),
              h('td', {}, timeOfDay(a.assignedAt)));
          }))));
  }

  function recommendationSection() {
    return recommendationParts({ detail, recommendations, neighbours, error: recommendationError, onTeamFocus, dispatch });
  }

  function actionsSection(d) {
    const controls = [];
    if (pendingAction === 'handling') {
      const note = h('input', { type: 'text', maxLength: 2000, placeholder: '处置情况（可不填）', id: 'handling-note' });
      controls.push(h('form', { class: 'inline-form', onSubmit: (e) => { e.preventDefault(); act('开始处置', () => post(`/api/incidents/${encodeURIComponent(d.id)}/handling`, { note: note.value.trim() || null })); } },
        note, h('button', { type: 'submit', class: 'primary' }, '确认开始处置'), h('button', { type: 'button', onClick: () => { pendingAction = null; render(); } }, '取消')));
    } else if (caseControl.owns(pendingAction)) {
      controls.push(caseControl.form(d));
    } else if (pendingAction?.startsWith('mass') || pendingAction === 'crowd' || pendingAction === 'report' || pendingAction === 'checkin'
      || pendingAction?.startsWith('approval:')) {
      controls.push(massForm(d));
    } else {
      if (d.status !== 'handling') controls.push(h('button', { id: 'action-handling', onClick: () => { pendingAction = 'handling'; render(); } }, '开始处置'));
      controls.push(h('button', { id: 'action-close', class: 'danger', onClick: () => { pendingAction = 'close'; render(); } }, '办结'));
      controls.push(...caseControl.caseButtons(d));
      const open = (name) => () => { pendingAction = name; render(); };
      if (!d.isMassIncident) controls.push(h('button', { id: 'action-mass', class: 'warn', onClick: open('mass') }, '升级为群体性事件'));
      controls.push(h('button', { id: 'action-crowd', onClick: open('crowd') }, '修正聚集人数'));
      if (d.isMassIncident) {
        controls.push(h('button', { id: 'action-report', onClick: open('report') }, '报告报送'));
        // Only a leader checks in, for themselves: the server records the leader signed in.
        if (user?.role === 'leader') controls.push(h('button', { id: 'action-checkin', onClick: open('checkin') }, '领导到场签到'));
      }
    }
    return h('section', { class: 'actions' }, controls);
  }

  function massForm(d) {
    const base = `/api/incidents/${encodeURIComponent(d.id)}`;
    const cancel = h('button', { type: 'button', onClick: () => { pendingAction = null; render(); } }, '取消');
    const fail = (text) => { message = { error: true, text }; render(); };
    const field = (label, input) => h('label', { class: 'field' }, h('span', { class: 'label' }, label), input);
    const crowdInput = (value) => h('input', { type: 'number', min: 0, max: 1000000, step: 1, id: 'crowd-size', value: value != null ? String(value) : '' });
    const crowdValue = (input, required) => {
      const text = input.value.trim();
      if (!text) return required ? undefined : null;
      const n = Number(text);
      return Number.isInteger(n) && n >= 0 ? n : undefined;
    };
    if (pendingAction === 'mass') {
      const cause = h('select', { id: 'mass-cause' }, massCauseOrder.map((c) => h('option', { value: c }, massCauseLabel[c])));
      const crowd = crowdInput(d.crowdSize);
      return h('form', { class: 'inline-form', id: 'mass-form', onSubmit: (e) => {
        e.preventDefault();
        const size = crowdValue(crowd, false);
        if (size === undefined) return fail('聚集人数应为不小于 0 的整数');
        act('升级为群体性事件', () => post(`${base}/mass`, { cause: cause.value, crowdSize: size }));
      } }, h('strong', {}, '升级为群体性事件（开启黄金处置窗口）'), field('事件起因', cause), field('聚集人数（估计）', crowd),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, '确认升级'), cancel));
    }
    if (pendingAction === 'crowd') {
      const crowd = crowdInput(d.crowdSize);
      return h('form', { class: 'inline-form', id: 'crowd-form', onSubmit: (e) => {
        e.preventDefault();
        const size = crowdValue(crowd, true);
        if (size === undefined || size === null) return fail('请填写聚集人数（不小于 0 的整数）');
        act('修正聚集人数', () => post(`${base}/crowd`, { crowdSize: size }));
      } }, field('现场聚集人数（估计）', crowd),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, '确认'), cancel));
    }
    if (pendingAction?.startsWith('approval:')) {
      const gate = pendingAction.slice('approval:'.length);
      const reason = h('textarea', { rows: 2, maxLength: 2000, id: 'approval-reason', placeholder: '申请理由（必填）：现场情况、拟采取的措施' });
      return h('form', { class: 'inline-form', id: 'approval-form', onSubmit: (e) => {
        e.preventDefault();
        if (!reason.value.trim()) return fail('请填写申请理由');
        act(`申请审批（${gateLabel[gate] ?? gate}）`, () => post(`${base}/approvals`, { gate, reason: reason.value.trim() }));
      } }, h('strong', {}, `申请领导审批：${gateLabel[gate] ?? gate}`), reason,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, '提交申请'), cancel));
    }
    if (pendingAction === 'report') {
      const kind = h('select', { id: 'report-kind' }, Object.entries(reportKindLabel).map(([k, v]) => h('option', { value: k }, v)));
      const text = h('textarea', { rows: 3, maxLength: 4000, id: 'report-text', placeholder: '报告内容（必填，至多 4000 字）' });
      return h('form', { class: 'inline-form', id: 'report-form', onSubmit: (e) => {
        e.preventDefault();
        if (!text.value.trim()) return fail('请填写报告内容');
        act(`报告报送（${reportKindLabel[kind.value]}）`, () => post(`${base}/reports`, { kind: kind.value, text: text.value.trim() }));
      } }, field('报告类别', kind), text,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, '报送'), cancel));
    }
    // 领导到场签到: the leader signed in checks in, at their own jurisdiction's level (the server records both); only
    // the post and a note are theirs to add. The position defaults to the scene and can be corrected.
    const who = h('span', { id: 'checkin-leader' }, user ? `${user.displayName}（${user.username}）` : '');
    const title = h('input', { type: 'text', maxLength: 32, id: 'checkin-title', placeholder: '职务（可不填），如：县委副书记' });
    const note = h('input', { type: 'text', maxLength: 500, id: 'checkin-note', placeholder: '到场情况（可不填）' });
    const lon = h('input', { type: 'number', step: 'any', id: 'checkin-lon', value: String(d.location.lon) });
    const lat = h('input', { type: 'number', step: 'any', id: 'checkin-lat', value: String(d.location.lat) });
    return h('form', { class: 'inline-form', id: 'checkin-form', onSubmit: (e) => {
      e.preventDefault();
      act('领导到场签到', () => post(`${base}/leader-checkins`,
        { title: title.value.trim() || null, note: note.value.trim() || null, lon: Number(lon.value), lat: Number(lat.value) }));
    } }, h('strong', {}, '领导亲临现场签到'), field('签到领导', who), field('职务', title), field('到场情况', note),
    h('div', { class: 'form-row two' }, field('经度', lon), field('纬度', lat)),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, '签到'), cancel));
  }

  function timelineSection() {
    return h('section', { class: 'timeline' }, h('h3', {}, '时间线 ', detail && h('a', {
      class: 'replay-link', id: 'detail-replay', href: `/replay?incident=${encodeURIComponent(detail.id)}`, target: '_blank', rel: 'noopener',
      title: '在地图上回放各警力的轨迹和时间线（新窗口）' }, '轨迹回放')),
      h('ol', { id: 'detail-timeline' }, timeline.map((entry) => h('li', { dataset: { kind: entry.kind } },
        h('span', { class: 'tl-time' }, timeOfDay(entry.at)),
        h('span', { class: 'tl-kind' }, timelineKindLabel[entry.kind] ?? entry.kind),
        h('span', { class: 'tl-text' }, describeTimelineEntry(entry, { milestones: detail?.milestones ?? [], callsignOf })),
        h('span', { class: 'tl-actor' }, entry.actor === 'system' ? '系统' : entry.actor)))));
  }

  function callsignOf(teamId) {
    return store.teams.get(teamId)?.callsign ?? teamId;
  }

  // Changes to the incident reload it; a team changing status may change who is recommended.
  // A throttle, not a debounce: under a steady stream of team events the panel must still refresh.
  let reloadTimer = null;
  let reloadDue = 0;
  const reloadSoon = (delay) => {
    const due = Date.now() + delay;
    if (reloadTimer && reloadDue <= due) return;
    clearTimeout(reloadTimer);
    reloadDue = due;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      load();
    }, delay);
  };
  store.on('incidentRemoved', (incident) => {
    const t = incident.transfer;
    if (incident.id !== incidentId || !t || t.state === 'pending') return;
    signedAway = {
      id: incident.id,
      text: t.state === 'signed'
        ? `警情${incident.number}已由${t.toName}签收，现由${t.toName}负责处置，已移出本辖区。`
        : `警情${incident.number}已由${t.toName}退回${t.fromName}，仍由${t.fromName}负责处置，已移出本辖区。`,
    };
  });
  store.on('incidentDetailChanged', (incident) => incident.id === incidentId && reloadSoon(100));
  store.on('milestone', (event) => event.incidentId === incidentId && reloadSoon(100));
  store.on('escalation', (escalation) => escalation.incidentId === incidentId && reloadSoon(100));
  store.on('team', (team) => {
    if (!detail || detail.status === 'closed') return;
    const involved = detail.assignments.some((a) => a.teamId === team.id) || recommendations.some((r) => r.teamId === team.id);
    reloadSoon(involved ? 150 : 1500);
  });
  store.on('reset', () => incidentId && reloadSoon(0));
  store.on('selected', (id) => {
    if (id === incidentId) return;
    incidentId = id;
    detail = null;
    recommendations = [];
    timeline = [];
    message = null;
    pendingAction = null;
    render();
    load();
  });

  render();
  return {
    get detail() { return detail; },
    get recommendations() { return recommendations; },
  };
}

/** An incident upgraded to a mass incident is one now, whatever it was called in as: 群体性事件（原治安）. */
export function typeText(d) {
  // The server reports the current type; originalType is what the call came in as.
  const now = d.isMassIncident ? 'massIncident' : d.type;
  const was = d.originalType ?? d.type;
  const label = incidentTypeLabel[now] ?? now;
  // Only an upgrade is spelled out in the header: the panel's 报警时类型 line tells any other change of type.
  return now === 'massIncident' && was !== now ? `${label}（原${incidentTypeLabel[was] ?? was}）` : label;
}
