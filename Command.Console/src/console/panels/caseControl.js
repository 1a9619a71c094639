// 警情控制 in the incident panel: 续报/补充, 改类型/改等级, 重复报警 (merge into the case it repeats), per team 撤回 /
// 改派 / 电台报状态, and 办结 that asks for a confirmation and a reason when no team reached the scene. Each opens an
// in-page form: the first field takes the focus, Esc cancels, Ctrl+Enter sends from a text area.
import { post } from '../../shared/api.js';
import { h } from '../../shared/dom.js';
import {
  incidentTypeLabel, massCauseLabel, massCauseOrder, severityLabel, teamStatusLabel, timelineKindLabel, timeOfDay,
} from '../../shared/labels.js';

Object.assign(timelineKindLabel, {
  noteAdded: '续报',
  typeChanged: '类型变更',
  duplicateLinked: '重复报警',
  markedDuplicate: '并入警情',
  teamRecalled: '撤回警力',
  teamDiverted: '改派警力',
  teamDivertedIn: '改派到此',
  radioStatus: '电台报告',
  noArrivalConfirmed: '未到场办结',
  dispatchRestarted: '重新待派',
});

/** What the officer reports on the radio for a team: 出发, 到场, 返回. */
const radioStatuses = [['enRoute', '出发'], ['onScene', '到场'], ['returning', '返回']];
const radioLabel = Object.fromEntries(radioStatuses);

/** The timeline text of the case-control kinds; null for a kind this module does not own. */
export function describeCaseControl(entry, callsignOf) {
  const data = entry.data ?? {};
  switch (entry.kind) {
    case 'noteAdded':
      return data.text ?? '';
    case 'typeChanged':
      return `${incidentTypeLabel[data.from] ?? data.from} → ${incidentTypeLabel[data.to] ?? data.to}：${data.reason ?? ''}`;
    case 'duplicateLinked': {
      const call = data.call ?? {};
      return `${call.number ?? ''} 并入本警情（报警人 ${call.callerPhone ?? '未留电话'}，${timeOfDay(call.receivedAt)} 接警${call.address ? `，${call.address}` : ''}）`;
    }
    case 'markedDuplicate':
      return `重复报警，并入 ${data.targetNumber ?? ''}`;
    case 'teamRecalled':
      return `${data.callsign ?? callsignOf(data.teamId)}：${data.reason ?? ''}`;
    case 'teamDiverted':
      return `${data.callsign ?? callsignOf(data.teamId)} 改派至 ${data.toNumber ?? ''}：${data.reason ?? ''}`;
    case 'teamDivertedIn':
      return `${data.callsign ?? callsignOf(data.teamId)} 由 ${data.fromNumber ?? ''} 改派到此：${data.reason ?? ''}`;
    case 'radioStatus':
      return `${data.callsign ?? callsignOf(data.teamId)} 电台报告${radioLabel[data.status] ?? teamStatusLabel[data.status] ?? data.status}（值班员代录）`;
    case 'noArrivalConfirmed':
      return `已确认无警力到场（派出 ${data.teamsSent ?? 0} 支）：${data.reason ?? ''}`;
    case 'dispatchRestarted':
      return `派警时限重新计时，至 ${timeOfDay(data.dueAt)}`;
    default:
      return null;
  }
}

/** True when a case had teams sent and none of them reached the scene: 办结 then needs a confirmed reason. */
export function noTeamArrived(d) {
  return d.assignments.length > 0 && !d.onSceneAt && !d.handlingAt && d.assignments.every((a) => !a.onSceneAt);
}

/**
 * The panel hands over its pending-action state and its act(label, fn) (which posts, shows the outcome and reloads).
 * otherIncidents() lists the open cases a team may be diverted to or a call merged into.
 */
export function createCaseControl({ act, getPending, setPending, otherIncidents }) {
  const base = (d) => `/api/incidents/${encodeURIComponent(d.id)}`;
  const open = (name) => () => setPending(name);
  const owns = (pending) => pending != null
    && (['note', 'type', 'duplicate', 'close'].includes(pending) || /^(recall|divert|radio):/.test(pending));

  function caseButtons(d) {
    const active = d.assignments.some((a) => !a.clearedAt);
    return [
      h('button', { id: 'action-note', title: '补充报警人或现场的新情况', onClick: open('note') }, '续报'),
      h('button', { id: 'action-type', onClick: open('type') }, '改类型/等级'),
      !active && h('button', { id: 'action-duplicate', title: '这次报警与另一起警情是同一件事', onClick: open('duplicate') }, '重复报警'),
    ];
  }

  function teamActions(d, a) {
    if (d.status === 'closed' || a.clearedAt) {
      return a.clearedAs && h('span', { class: 'cleared-as', title: a.clearedReason ?? '' }, a.clearedAs === 'recalled' ? '已撤回' : '已改派');
    }
    const button = (name, label, title) => h('button', {
      class: `small team-${name}`, dataset: { team: a.teamId }, title,
      onClick: (e) => { e.stopPropagation(); setPending(`${name}:${a.teamId}`); },
    }, label);
    return h('span', { class: 'team-actions' },
      button('recall', '撤回', '派错或不再需要：撤回并释放该队'),
      button('divert', '改派', '直接改派到另一起警情'),
      button('radio', '电台', '录入该队用电台报告的状态'));
  }

  function form(d) {
    const pending = getPending();
    const cancel = h('button', { type: 'button', class: 'cancel', onClick: () => setPending(null) }, '取消');
    const field = (label, input) => h('label', { class: 'field' }, h('span', { class: 'label' }, label), input);
    const error = h('p', { class: 'form-message', attrs: { role: 'alert' } });
    const fail = (text) => { error.textContent = text; };
    // Esc leaves the form from any field; Ctrl+Enter sends it from a text area, where Enter is a new line.
    const dialog = (id, title, fields, submitLabel, submit, danger = false) => {
      const el = h('form', {
        class: 'inline-form case-form', id, attrs: { 'aria-label': title },
        onSubmit: (e) => { e.preventDefault(); submit(); },
        // A message about what was missing goes once the officer starts putting it right.
        onInput: () => fail(''),
        onChange: () => fail(''),
        onKeydown: (e) => {
          if (e.key === 'Escape') { e.preventDefault(); setPending(null); }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); el.requestSubmit(); }
        },
      }, h('strong', {}, title), fields, error,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel), cancel));
      setTimeout(() => el.querySelector('textarea, input, select')?.focus(), 0);
      return el;
    };
    const reasonBox = (id, placeholder) => h('textarea', { rows: 2, maxLength: 500, id, placeholder });

    if (pending === 'note') {
      const text = h('textarea', { rows: 3, maxLength: 2000, id: 'note-text', placeholder: '续报内容（必填）：报警人再次来电、现场新情况、补充信息' });
      return dialog('note-form', `续报：${d.number}`, [text], '提交续报', () => {
        if (!text.value.trim()) return fail('请填写续报内容');
        act('续报', () => post(`${base(d)}/notes`, { text: text.value.trim() }));
      });
    }
    if (pending === 'type') {
      const type = h('select', { id: 'type-select' }, Object.entries(incidentTypeLabel).map(([k, v]) => h('option', { value: k, selected: k === d.type }, v)));
      const severity = h('select', { id: 'severity-select' }, [1, 2, 3, 4].map((s) => h('option', { value: String(s), selected: s === d.severity }, severityLabel[s])));
      const cause = h('select', { id: 'type-cause' }, massCauseOrder.map((c) => h('option', { value: c }, massCauseLabel[c])));
      const causeField = field('事件起因', cause);
      const showCause = () => { causeField.hidden = type.value !== 'massIncident' || d.isMassIncident; };
      type.addEventListener('change', showCause);
      showCause();
      const reason = reasonBox('type-reason', '更改原因（必填）：如核实后为交通事故、现场人数增加');
      return dialog('type-form', `更改警情类型或等级：${d.number}`, [h('div', { class: 'form-row two' }, field('警情类型', type), field('警情等级', severity)), causeField, reason],
        '确认更改', () => {
          const why = reason.value.trim();
          if (!why) return fail('请填写更改原因');
          const newType = type.value !== d.type;
          const newSeverity = Number(severity.value) !== d.severity;
          if (!newType && !newSeverity) return fail('类型和等级都没有变化');
          act('更改类型/等级', async () => {
            if (newType) await post(`${base(d)}/type`, { type: type.value, reason: why, cause: type.value === 'massIncident' ? cause.value : null });
            if (newSeverity) await post(`${base(d)}/severity`, { severity: Number(severity.value), reason: why });
          });
        });
    }
    if (pending === 'duplicate') {
      const choices = otherIncidents(d.id);
      const target = h('input', { type: 'text', id: 'duplicate-target', attrs: { list: 'duplicate-choices', autocomplete: 'off' }, placeholder: '所重复的警情编号，如 LC-20261202-0007' });
      const list = h('datalist', { id: 'duplicate-choices' }, choices.map((i) => h('option', { value: i.number }, `${incidentTypeLabel[i.type] ?? ''} ${i.address ?? ''} ${timeOfDay(i.receivedAt)}`)));
      return dialog('duplicate-form', `重复报警：把 ${d.number} 并入另一起警情`, [
        h('p', { class: 'muted' }, '本次报警将作为重复报警办结，报警人、电话和描述记入所选警情。'),
        field('所重复的警情', target), list,
      ], '确认并入', () => {
        const value = target.value.trim();
        if (!value) return fail('请填写或选择所重复的警情编号');
        act('并入重复报警', () => post(`${base(d)}/duplicate-of`, { incidentId: value }));
      });
    }
    if (pending === 'close') {
      const resolution = h('textarea', { rows: 3, maxLength: 2000, placeholder: '办结情况（必填）：处理结果、移交单位等', id: 'close-resolution' });
      const fields = [resolution];
      let confirm = null;
      let reason = null;
      if (noTeamArrived(d)) {
        confirm = h('input', { type: 'checkbox', id: 'close-confirm-no-arrival' });
        reason = reasonBox('close-no-arrival-reason', '未到场原因（必填）：如报警人已撤警、警情不实');
        fields.unshift(h('p', { class: 'warning', id: 'close-no-arrival' }, '派出的警力均未到达现场。确需办结，请确认并填写原因。'));
        fields.push(h('label', { class: 'check' }, confirm, ' 确认无警力到场即办结'), reason);
      }
      return dialog('close-form', `办结：${d.number}`, fields, '确认办结', () => {
        if (!resolution.value.trim()) return fail('请填写办结情况');
        if (confirm && !confirm.checked) return fail('请勾选“确认无警力到场即办结”');
        if (reason && !reason.value.trim()) return fail('请填写未到场原因');
        act('办结', () => post(`${base(d)}/close`, {
          resolution: resolution.value.trim(),
          ...(confirm ? { confirmNoArrival: true, noArrivalReason: reason.value.trim() } : {}),
        }));
      }, true);
    }
    const [name, teamId] = pending.split(':');
    const a = d.assignments.find((x) => x.teamId === teamId && !x.clearedAt);
    if (!a) return h('p', { class: 'warning' }, '该队已不在本警情，请刷新后重试。', cancel);
    if (name === 'recall') {
      const reason = reasonBox('recall-reason', '撤回原因（必填）：如派错警力、报警人已撤警');
      return dialog('recall-form', `撤回 ${a.callsign}`, [reason], '确认撤回', () => {
        if (!reason.value.trim()) return fail('请填写撤回原因');
        act(`撤回（${a.callsign}）`, () => post(`${base(d)}/assignments/${encodeURIComponent(teamId)}/recall`, { reason: reason.value.trim() }));
      }, true);
    }
    if (name === 'divert') {
      const choices = otherIncidents(d.id);
      const target = h('select', { id: 'divert-target' }, h('option', { value: '' }, choices.length ? '请选择警情' : '（没有其他未办结的警情）'),
        choices.map((i) => h('option', { value: i.id }, `${i.number} ${incidentTypeLabel[i.type] ?? ''} ${i.address ?? ''}`)));
      const reason = reasonBox('divert-reason', '改派原因（必填）：如另一警情更紧急');
      return dialog('divert-form', `改派 ${a.callsign}`, [field('改派到', target), reason], '确认改派', () => {
        if (!target.value) return fail('请选择要改派到的警情');
        if (!reason.value.trim()) return fail('请填写改派原因');
        act(`改派（${a.callsign}）`, () => post(`${base(d)}/assignments/${encodeURIComponent(teamId)}/divert`, { incidentId: target.value, reason: reason.value.trim() }));
      });
    }
    const status = h('select', { id: 'radio-status' }, radioStatuses.map(([v, label]) => h('option', { value: v }, label)));
    return dialog('radio-form', `电台报告：${a.callsign}（当前 ${teamStatusLabel[a.status] ?? a.status}）`, [field('报告状态', status),
      h('p', { class: 'muted' }, '记录为值班员代录的电台报告。')], '录入', () => {
      act(`电台报告（${a.callsign} ${radioLabel[status.value]}）`, () => post(`${base(d)}/assignments/${encodeURIComponent(teamId)}/status`, { status: status.value }));
    });
  }

  return { owns, caseButtons, teamActions, form };
}

/** Under the call as taken: what changed since (type), the 续报 notes, the callers merged in, and where a repeat went. */
export function caseExtras(d) {
  const notes = d.notes ?? [];
  const calls = d.linkedCalls ?? [];
  return [
    d.originalType && d.originalType !== d.type
      && h('p', { class: 'muted', id: 'detail-original-type' }, `报警时类型：${incidentTypeLabel[d.originalType] ?? d.originalType}，现为${incidentTypeLabel[d.type] ?? d.type}`),
    d.duplicateOfNumber && h('p', { class: 'warning', id: 'detail-duplicate-of' }, `重复报警，已并入 ${d.duplicateOfNumber}`),
    notes.length > 0 && [h('h3', {}, `续报（${notes.length}）`),
      h('ol', { class: 'case-notes', id: 'detail-notes' }, notes.map((n) => h('li', {},
        h('span', { class: 'muted' }, `${timeOfDay(n.at)} ${n.by}：`), n.text)))],
    calls.length > 0 && [h('h3', {}, `重复报警（${calls.length}）`),
      h('ol', { class: 'case-notes', id: 'detail-linked-calls' }, calls.map((c) => h('li', {},
        h('span', { class: 'mono' }, c.number), ` ${timeOfDay(c.receivedAt)} 报警人 ${c.callerPhone ?? '未留电话'}`,
        c.address ? `，${c.address}` : '', c.description ? `：${c.description}` : '')))],
  ];
}
