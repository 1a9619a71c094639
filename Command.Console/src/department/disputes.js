// 矛盾纠纷对接 on the 联动单位's page: the disputes handed over to this department (the 司法所's 人民调解, the 信访局's
// 访调, the court's 诉调), each with its parties and what it is about; 签收 by the deadline, then the result (调解成功 or
// 调解不成 with what was done), which closes the dispute on the ledger of whoever handed it over.
import { get } from '../shared/api.js';
import { byId, h, replaceKeepingFocus } from '../shared/dom.js';
import { dueText } from '../shared/ticker.js';
import { disputeBodyLabel, disputeCauseLabel, disputePartyRoleLabel, personName, timeWithDay } from '../shared/labels.js';

/** act(path, body, done, after) is the page's own: one request at a time, then the whole page read again. */
export function createDisputeHandovers({ act, me }) {
  const root = byId('disputes');
  const drafts = new Map();
  let disputes = [];

  async function refresh() {
    disputes = await get('/api/disputes/mine');
    render();
  }

  function card(d, x) {
    const key = `${d.id}/${x.number}`;
    const base = `/api/disputes/${encodeURIComponent(d.id)}/handoffs/${x.number}`;
    const state = x.resultAt ? h('span', { class: 'chip done' }, `${x.success ? '调解成功' : '调解不成'} ${timeWithDay(x.resultAt)}`)
      : x.receivedAt ? h('span', { class: 'chip' }, `已签收 ${timeWithDay(x.receivedAt)}${x.overdueAt ? '（超时签收）' : ''}`)
        : x.overdueAt ? h('span', { class: 'chip overdue' }, '签收逾期 ', dueText(x.receiptDueAt))
          : h('span', { class: 'chip' }, '待签收 ', dueText(x.receiptDueAt));
    const actions = [];
    if (!x.receivedAt) {
      actions.push(h('button', { type: 'button', class: 'primary big', 'data-action': 'receive-dispute', onClick: () => act(`${base}/receipt`, {}, '已签收') }, '签收'));
    } else if (!x.resultAt) {
      const box = h('textarea', { rows: 3, maxlength: 2000, 'data-focus-key': `dispute/${key}`, 'aria-label': '调处结果',
        placeholder: '调处结果，例如“经人民调解委员会调解，双方达成书面协议”', style: { width: '100%', 'box-sizing': 'border-box' },
        onInput: () => drafts.set(key, box.value) });
      box.value = drafts.get(key) ?? '';
      const send = (success) => act(`${base}/result`, { success, text: box.value }, success ? '已反馈调解成功，纠纷结案' : '已反馈调解不成，纠纷结案', () => drafts.delete(key));
      actions.push(box, h('div', { class: 'report-buttons' },
        h('button', { type: 'button', class: 'primary big', 'data-action': 'mediated', onClick: () => send(true) }, '调解成功'),
        h('button', { type: 'button', class: 'big', 'data-action': 'failed', onClick: () => send(false) }, '调解不成')));
    }
    return h('section', { class: 'card dispute-handover', dataset: { dispute: d.id, handoff: String(x.number) } },
      h('h2', {}, `${d.number} · ${disputeCauseLabel[d.cause] ?? d.cause} · `, h('span', { class: 'role' }, disputeBodyLabel[x.body] ?? x.body)),
      h('p', { class: 'team-meta' }, (d.parties ?? []).map((p) => `${p.name}（${disputePartyRoleLabel[p.role] ?? p.role}${p.phone ? ` ${p.phone}` : ''}）`).join('，')),
      h('p', {}, d.description),
      x.note ? h('p', { class: 'task' }, h('strong', {}, '移交说明：'), x.note) : null,
      h('div', { class: 'team-meta' }, `${personName(x.by)} 于 ${timeWithDay(x.at)} 移交 · `, state),
      x.resultText ? h('p', { class: 'muted' }, `反馈：${x.resultText}`) : null,
      ...actions);
  }

  function render() {
    const mine = disputes.flatMap((d) => d.handoffs.filter((x) => x.receiverUsername === me()).map((x) => card(d, x)));
    replaceKeepingFocus(root, mine.length ? [h('h2', { class: 'section-title' }, '矛盾纠纷对接'), ...mine] : []);
  }

  return { refresh, count: () => disputes.length };
}
