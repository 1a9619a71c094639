// 领导批示 on the duty officer's console: a leader's written instruction on a case arrives with the case's change
// (IncidentChanged carries pendingInstructions); until a duty officer marks it read (已阅) it is kept in front of them:
// a red 批 in the incident list, a banner at the top of the console naming each case with unread 批示 (a click opens
// the case), and, in the case's panel, the instruction itself with its 已阅 button. The leader's page shows who read it.
import { ApiError, post } from '../../shared/api.js';
import { h, replace } from '../../shared/dom.js';
import { personName, timelineKindLabel, timeOfDay, timeWithDay } from '../../shared/labels.js';

Object.assign(timelineKindLabel, {
  instructionGiven: '领导批示',
  instructionAcknowledged: '批示已阅',
});

/** The timeline text of the 批示 kinds; null for a kind this module does not own. */
export function describeInstruction(entry) {
  const data = entry.data ?? {};
  switch (entry.kind) {
    case 'instructionGiven':
      return data.text ?? '';
    case 'instructionAcknowledged':
      return `${personName(data.leader)}的批示已阅`;
    default:
      return null;
  }
}

/** The list's mark for a case with unread 批示. */
export function instructionMark(incident) {
  const n = incident.pendingInstructions ?? 0;
  return n > 0 ? [h('span', { class: 'escalated-mark instruction-mark', title: `${n} 条领导批示待阅` }, '批')] : [];
}

/** The case panel's part: every 批示, the unread ones as an alarm with 已阅. `done(detail)` gets the updated case. */
export function instructionSection(d, { done, say }) {
  const list = d.instructions ?? [];
  if (!list.length) return null;
  const unread = list.filter((i) => !i.acknowledgedAt);
  return h('section', { class: `instructions${unread.length ? ' unread' : ''}`, id: 'detail-instructions', attrs: { role: unread.length ? 'alert' : 'region' } },
    h('h3', {}, '领导批示', unread.length ? h('span', { class: 'count' }, `${unread.length} 条待阅`) : null),
    h('ol', {}, list.map((i) => h('li', { class: i.acknowledgedAt ? 'read' : 'unread', dataset: { id: i.id } },
      h('p', { class: 'instruction-text' }, i.text),
      h('p', { class: 'instruction-meta' },
        `${personName(i.leader)} ${timeWithDay(i.givenAt)} 批示`,
        i.acknowledgedAt ? ` · ${personName(i.acknowledgedBy)} ${timeOfDay(i.acknowledgedAt)} 已阅` : null),
      !i.acknowledgedAt && h('button', {
        type: 'button',
        class: 'primary small instruction-ack',
        title: '确认已阅读这条批示（记入时间线）',
        onClick: async (ev) => {
          ev.currentTarget.disabled = true;
          try {
            done(await post(`/api/incidents/${encodeURIComponent(d.id)}/instructions/${encodeURIComponent(i.id)}/ack`));
          } catch (e) {
            ev.currentTarget.disabled = false;
            say(`已阅失败：${e instanceof ApiError ? e.message : e}`);
          }
        },
      }, '已阅')))));
}

/** The console-wide banner: every case in the store with unread 批示; a click selects the case. */
export function watchInstructions(store) {
  const banner = h('div', { class: 'instruction-banner', id: 'instruction-banner', attrs: { role: 'alert' }, hidden: true });
  document.body.append(banner);
  let timer = null;
  const render = () => {
    timer = null;
    const cases = [...store.incidents.values()].filter((i) => (i.pendingInstructions ?? 0) > 0)
      .sort((a, b) => a.number.localeCompare(b.number));
    banner.hidden = cases.length === 0;
    replace(banner, h('strong', {}, '领导批示待阅：'), cases.map((i) => h('button', {
      type: 'button',
      class: 'small instruction-case',
      dataset: { id: i.id },
      onClick: () => store.select(i.id),
    }, `${i.number}（${i.pendingInstructions} 条）`)));
  };
  const schedule = () => { if (!timer) timer = setTimeout(render, 50); };
  for (const type of ['reset', 'incident', 'incidentRemoved']) store.on(type, schedule);
  return { render };
}
