// 今日审计日志: sign-ins, failures, refusals, token use and account changes of today (Beijing time), newest first.
// The server keeps one journal per UTC day, and a Beijing day spans two of them, so both are read and cut to today.
import { get } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { auditKindLabel, chinaDay, roleLabel, timeOfDay } from '../shared/labels.js';

const shown = 1000;

export function createAudit(container, { say }) {
  let entries = [];
  let day = '';
  const kind = h('select', { id: 'audit-kind', attrs: { 'aria-label': '按类别筛选' }, onChange: () => render() },
    h('option', { value: '' }, '全部类别'), Object.entries(auditKindLabel).map(([k, v]) => h('option', { value: k }, v)));
  const toolbar = h('div', { class: 'toolbar' }, kind, h('button', { type: 'button', class: 'small', id: 'audit-refresh', onClick: () => reload() }, '刷新'));
  const body = h('div');
  replace(container, toolbar, body);

  async function reload() {
    const now = Date.now();
    day = chinaDay(now);
    // Beijing midnight is 16:00 UTC of the day before: today's journal and yesterday's (UTC) hold Beijing's today.
    const utcToday = new Date(now).toISOString().slice(0, 10);
    const utcYesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
    try {
      const [recent, earlier] = await Promise.all([
        get(`/api/audit?date=${utcToday}&limit=5000`), get(`/api/audit?date=${utcYesterday}&limit=5000`)]);
      entries = [...recent, ...earlier]
        .filter((e) => chinaDay(e.at) === day)
        .sort((a, b) => new Date(b.at) - new Date(a.at));
    } catch (e) {
      say(`读取审计日志失败：${e.message}`, true);
    }
    render();
  }

  function render() {
    const list = entries.filter((e) => !kind.value || e.kind === kind.value);
    replace(document.getElementById('audit-count'), `${day}（北京时间） · ${list.length} 条${list.length > shown ? `，显示最近 ${shown} 条` : ''}`);
    if (!list.length) {
      replace(body, h('p', { class: 'empty' }, '今日暂无记录'));
      return;
    }
    replace(body, h('div', { class: 'table-scroll tall' }, h('table', { class: 'grid-table', id: 'audit-table' },
      h('thead', {}, h('tr', {}, ['时间', '类别', '人员', '来源', '操作', '详情'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.slice(0, shown).map((e) => h('tr', { dataset: { kind: e.kind } },
        h('td', { class: 'nowrap mono' }, timeOfDay(e.at)),
        h('td', {}, h('span', { class: `kind ${e.kind}` }, auditKindLabel[e.kind] ?? e.kind)),
        h('td', { class: 'nowrap' }, e.who, e.role ? h('span', { class: 'muted' }, `（${roleLabel[e.role] ?? e.role}）`) : null),
        h('td', { class: 'nowrap mono' }, e.from ?? ''),
        h('td', { class: 'detail mono' }, e.what),
        h('td', { class: 'detail' }, e.detail ?? '')))))));
  }

  return { reload };
}
