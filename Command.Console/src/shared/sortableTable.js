// A table whose columns sort on click (again to reverse). Rows are rebuilt from data, never from HTML strings.
import { h, replace } from './dom.js';

/**
 * columns: [{ key, label, sort: row => comparable, cell: row => Node|string, class? }]
 * options: { rowKey: row => id, onRowClick(row), rowClass(row) => string, initialSort: { key, descending }, empty: text }
 */
export function sortableTable(columns, options) {
  let sortKey = options.initialSort?.key ?? columns[0].key;
  let descending = options.initialSort?.descending ?? false;
  let rows = [];
  const headCells = new Map();
  const tbody = h('tbody');
  const head = h('tr', {}, columns.map((column) => {
    const th = h('th', {
      class: column.class,
      attrs: { scope: 'col', 'aria-sort': 'none' },
      tabIndex: 0,
      dataset: { key: column.key },
      onClick: () => sortBy(column.key),
      onKeydown: (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), sortBy(column.key)),
    }, column.label, h('span', { class: 'sort-mark' }));
    headCells.set(column.key, th);
    return th;
  }));
  const table = h('table', { class: 'grid-table' }, h('thead', {}, head), tbody);

  function sortBy(key) {
    if (key === sortKey) descending = !descending;
    else {
      sortKey = key;
      descending = false;
    }
    render();
  }

  function compare(a, b) {
    const column = columns.find((c) => c.key === sortKey);
    const va = column.sort(a);
    const vb = column.sort(b);
    let result = typeof va === 'string' || typeof vb === 'string' ? String(va ?? '').localeCompare(String(vb ?? ''), 'zh-CN') : (va ?? 0) - (vb ?? 0);
    if (result === 0) result = String(options.rowKey(a)).localeCompare(String(options.rowKey(b)));
    return descending ? -result : result;
  }

  function render() {
    for (const [key, th] of headCells) {
      const active = key === sortKey;
      th.setAttribute('aria-sort', active ? (descending ? 'descending' : 'ascending') : 'none');
      replace(th.querySelector('.sort-mark'), active ? (descending ? ' ▼' : ' ▲') : '');
    }
    const sorted = [...rows].sort(compare);
    if (!sorted.length) {
      replace(tbody, h('tr', { class: 'empty' }, h('td', { attrs: { colspan: String(columns.length) } }, options.empty ?? '暂无')));
      return;
    }
    replace(tbody, sorted.map((row) => h('tr', {
      class: options.rowClass?.(row) ?? '',
      dataset: { id: options.rowKey(row) },
      onClick: () => options.onRowClick?.(row),
    }, columns.map((column) => h('td', { class: column.class }, column.cell(row))))));
  }

  return {
    element: table,
    setRows(next) {
      rows = next;
      render();
    },
    get sortKey() { return sortKey; },
  };
}
