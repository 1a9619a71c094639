// 历史警情查询: by number or address, time received, type and caller phone; a click opens the case (read-only once closed).
import { h, replace } from '../../shared/dom.js';
import { get, ApiError } from '../../shared/api.js';
import { incidentTypeLabel, incidentStatusLabel, timeWithDay } from '../../shared/labels.js';

export function createSearchPanel(container, { onOpen }) {
  const q = h('input', { id: 'search-q', placeholder: '警情编号或地址', attrs: { 'aria-label': '警情编号或地址' } });
  const phone = h('input', { id: 'search-phone', placeholder: '报警电话', attrs: { inputmode: 'tel', 'aria-label': '报警电话' } });
  const type = h('select', { id: 'search-type', attrs: { 'aria-label': '警情类别' } }, h('option', { value: '' }, '全部类别'),
    Object.entries(incidentTypeLabel).map(([k, v]) => h('option', { value: k }, v)));
  const from = h('input', { id: 'search-from', type: 'datetime-local', attrs: { 'aria-label': '接警时间起' } });
  const to = h('input', { id: 'search-to', type: 'datetime-local', attrs: { 'aria-label': '接警时间止' } });
  const all = h('input', { id: 'search-all', type: 'checkbox' });
  const results = h('div', { class: 'search-results', id: 'search-results' });

  // The pickers show Beijing wall time; the server wants an offset.
  const beijing = (value) => (value ? `${value}:00+08:00` : '');

  async function run() {
    const params = new URLSearchParams();
    for (const [name, value] of [['q', q.value.trim()], ['phone', phone.value.trim()], ['type', type.value], ['from', beijing(from.value)], ['to', beijing(to.value)]]) {
      if (value) params.set(name, value);
    }
    if (all.checked) params.set('status', 'all');
    replace(results, h('p', { class: 'muted' }, '正在查询…'));
    try {
      const found = await get(`/api/incidents/search?${params}`);
      replace(results, found.length === 0 ? h('p', { class: 'muted' }, '没有符合条件的警情。')
        : h('table', { class: 'search-table' },
          h('thead', {}, h('tr', {}, ['编号', '类别', '地址', '接警时间', '状态'].map((c) => h('th', {}, c)))),
          h('tbody', {}, found.map((i) => h('tr', { class: 'search-row', dataset: { id: i.id }, onClick: () => onOpen(i) },
            h('td', { class: 'mono' }, i.number), h('td', {}, incidentTypeLabel[i.type] ?? ''), h('td', {}, i.address ?? ''),
            h('td', {}, timeWithDay(i.receivedAt)), h('td', {}, incidentStatusLabel[i.status] ?? ''))))));
    } catch (e) {
      replace(results, h('p', { class: 'warning' }, `查询失败：${e instanceof ApiError ? e.message : '网络不通，请稍后再试。'}`));
    }
  }

  replace(container, h('form', { class: 'search-form', onSubmit: (e) => { e.preventDefault(); run(); } },
    q, phone, type, h('label', {}, '起 ', from), h('label', {}, '止 ', to), h('label', {}, all, ' 含在办警情'),
    h('button', { type: 'submit', class: 'primary', id: 'search-submit' }, '查询')), results);
}
