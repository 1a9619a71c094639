// The jurisdiction filter of a list: all the user may see (全市 for the city's officers) or one county.
import { h, replace } from '../../shared/dom.js';

export function countyFilter(store, onChange, label = '辖区') {
  const select = h('select', { class: 'county-filter', attrs: { 'aria-label': `按${label}筛选` }, onChange: () => onChange(select.value) });
  const fill = () => {
    const value = select.value;
    replace(select, h('option', { value: '' }, store.scopeLabel ?? '全市'), store.counties.map((c) => h('option', { value: c.id }, c.name)));
    select.value = value;
  };
  store.on('counties', fill);
  fill();
  return h('label', { class: 'filter' }, `${label} `, select);
}
