// 交接班: the open cases handed to the next shift and what happened on this one, for the officer's jurisdiction; printable.
import { h, replace } from '../../shared/dom.js';
import { get, post, ApiError } from '../../shared/api.js';
import { incidentTypeLabel, incidentStatusLabel, severityRoman, timeWithDay } from '../../shared/labels.js';

export function createHandoverPanel(container, { onOpen }) {
  const since = h('input', { id: 'handover-since', type: 'datetime-local', attrs: { 'aria-label': '接班时间' } });
  const body = h('div', { id: 'handover-body' });

  async function load() {
    const query = since.value ? `?since=${encodeURIComponent(`${since.value}:00+08:00`)}` : '';
    replace(body, h('p', { class: 'muted' }, '正在统计…'));
    try {
      const r = await get(`/api/handover${query}`);
      const c = r.counts;
      const rows = (list) => h('table', { class: 'search-table' },
        h('thead', {}, h('tr', {}, ['编号', '等级', '类别', '地址', '接警', '状态'].map((t) => h('th', {}, t)))),
        h('tbody', {}, list.map((i) => h('tr', { class: 'search-row', onClick: () => onOpen(i) },
          h('td', { class: 'mono' }, i.number), h('td', {}, severityRoman[i.severity]), h('td', {}, incidentTypeLabel[i.type] ?? ''),
          h('td', {}, i.address ?? ''), h('td', {}, timeWithDay(i.receivedAt)),
          h('td', {}, i.transfer?.state === 'pending' ? `待${i.transfer.toName}签收` : incidentStatusLabel[i.status] ?? '')))));
      replace(body,
        h('h3', {}, `${r.jurisdictionName}交接班：${timeWithDay(r.since)} 至 ${timeWithDay(r.until)}`),
        h('ul', { class: 'handover-counts', id: 'handover-counts' },
          [['接警', c.received], ['派警', c.dispatches], ['办结', c.closed], ['派警超时', c.dispatchOverdue], ['督办', c.escalations],
            ['请求增援', c.backupRequests], ['转出', c.transfersOut], ['转入', c.transfersIn], ['待签收转警', c.transfersPending], ['在办', c.open]]
            .map(([label, n]) => h('li', {}, h('span', {}, label), h('strong', {}, String(n))))),
        notesSection(r),
        h('h4', {}, `移交在办警情（${r.open.length}）`), r.open.length ? rows(r.open) : h('p', { class: 'muted' }, '没有在办警情。'),
        r.pendingTransfers.length > 0 && h('h4', {}, `待签收转警（${r.pendingTransfers.length}）`),
        r.pendingTransfers.length > 0 && rows(r.pendingTransfers),
        h('h4', {}, `本班经手警情（${r.onShift.length}）`), r.onShift.length ? rows(r.onShift) : h('p', { class: 'muted' }, '本班没有经手的警情。'));
    } catch (e) {
      replace(body, h('p', { class: 'warning' }, `统计失败：${e instanceof ApiError ? e.message : '网络不通，请稍后再试。'}`));
    }
  }

  // 交班留言: journaled on the jurisdiction, so the next shift reads what this one promised or left open.
  function notesSection(r) {
    const text = h('textarea', { id: 'handover-note-text', rows: 3, maxLength: 2000, attrs: { 'aria-label': '交班留言' }, placeholder: '需要下一班接着办的事、要盯的警情、答复群众的承诺…' });
    const status = h('p', { class: 'muted', id: 'handover-note-status' });
    const submit = h('button', { type: 'button', class: 'primary', id: 'handover-note-submit', onClick: async () => {
      submit.disabled = true;
      try {
        await post(`/api/jurisdictions/${encodeURIComponent(r.jurisdictionId)}/handover-notes`, { text: text.value });
        text.value = '';
        await load();
      } catch (e) {
        replace(status, e instanceof ApiError ? e.message : '网络不通，留言没有保存，请稍后再试。');
        status.className = 'warning';
        submit.disabled = false;
      }
    } }, '写入交班留言');
    const notes = r.notes ?? [];
    return h('section', { class: 'handover-notes', id: 'handover-notes' },
      h('h4', {}, `交班留言（${notes.length}）`),
      notes.length ? h('ul', { class: 'handover-note-list' }, notes.map((n) => h('li', { class: 'handover-note' },
        h('div', { class: 'muted' }, `${timeWithDay(n.at)} ${n.by}`,
          n.incoming ? ` · 交给${timeWithDay(n.incoming.from)}起的班次${n.incoming.dutyOfficer ? `（${n.incoming.dutyOfficer}）` : ''}` : ''),
        h('div', { class: 'handover-note-text' }, n.text))))
        : h('p', { class: 'muted' }, '上一班和本班还没有交班留言。'),
      h('div', { class: 'handover-note-form no-print' }, text, submit), status);
  }

  replace(container, h('div', { class: 'handover-bar' }, h('label', {}, '接班时间 ', since),
    h('button', { type: 'button', class: 'primary', id: 'handover-refresh', onClick: load }, '统计'),
    h('button', { type: 'button', onClick: () => window.print() }, '打印')), body);
  return { load };
}
