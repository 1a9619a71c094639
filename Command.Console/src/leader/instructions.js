// 批示 from /leader: a leader writes an instruction on a case from its escalation row or its golden-window card; the
// duty officers of the case get it on their console until one of them marks it read (已阅). The card lists what was
// written and who read it. An open form keeps what the leader typed across the live re-renders of its row or card.
import { ApiError, post } from '../shared/api.js';
import { h } from '../shared/dom.js';
import { personName, timeOfDay } from '../shared/labels.js';

const maxText = 1000;
const open = new Map(); // place -> { text (the textarea), busy }

/** The 批示 button of a row or card; `place` names it, so each place has its own form. */
export function instructButton(place, rerender) {
  return h('button', {
    type: 'button',
    class: 'small instruct',
    dataset: { place },
    title: '对这起警情下达书面批示，推送到值班员控制台待阅',
    onClick: () => {
      if (open.has(place)) open.delete(place);
      else open.set(place, { text: h('textarea', { class: 'instruction-text', rows: 2, maxLength: maxText, placeholder: '批示内容（必填），例如：请立即增派警力，30分钟内报告处置情况' }), busy: false });
      rerender();
      open.get(place)?.text.focus();
    },
  }, '批示');
}

/** The open form of a place, or null. `done()` runs after the 批示 was given. */
export function instructionForm(place, incident, { rerender, say, done }) {
  const state = open.get(place);
  if (!state) return null;
  const submit = async (ev) => {
    ev.preventDefault();
    const text = state.text.value.trim();
    if (!text) {
      say('请填写批示内容', true);
      state.text.focus();
      return;
    }
    state.busy = true;
    rerender();
    try {
      await post(`/api/incidents/${encodeURIComponent(incident.id)}/instructions`, { text });
      open.delete(place);
      say(`已对 ${incident.number} 下达批示，待值班员签阅`);
      rerender();
      await done?.();
    } catch (e) {
      state.busy = false;
      rerender();
      say(`批示未下达：${e instanceof ApiError ? e.message : e}`, true);
    }
  };
  return h('form', { class: 'decision instruction-form', dataset: { place }, onSubmit: submit },
    h('strong', {}, `批示 ${incident.number}`),
    state.text,
    h('button', { type: 'submit', class: 'primary small confirm-instruction', disabled: state.busy }, '下达批示'),
    h('button', { type: 'button', class: 'small', onClick: () => { open.delete(place); rerender(); } }, '取消'));
}

/** What leaders wrote on a case and whether a duty officer has read it, newest first. */
export function instructionList(detail) {
  const list = [...(detail.instructions ?? [])].reverse();
  if (!list.length) return null;
  return h('ul', { class: 'instruction-list' }, list.map((i) => h('li', { class: i.acknowledgedAt ? 'read' : 'unread', dataset: { id: i.id } },
    h('span', { class: 'instruction-by' }, `${personName(i.leader)} ${timeOfDay(i.givenAt)} 批示：`),
    h('span', {}, i.text),
    h('span', { class: 'instruction-state' }, i.acknowledgedAt ? `${personName(i.acknowledgedBy)} ${timeOfDay(i.acknowledgedAt)} 已阅` : '待值班员签阅'))));
}
