// 接警登记: a call becomes an incident. The place comes from a click on the map or from a named place picked while
// typing the address. Channel, type, severity, description and, for a mass incident, the crowd size.
import { get, post } from '../../shared/api.js';
import { h, replace } from '../../shared/dom.js';
import { channelLabel, defaultSeverity, incidentTypeLabel, severityLabel } from '../../shared/labels.js';
import { searchAddressesAndPlaces } from '../places.js';

const typeForChannel = { 119: 'fire', 120: 'medical', 122: 'traffic' };

export function createIncidentForm(container, { store, draft, onCreated, onClose, onFocusPoint }) {
  let location = null;
  let busy = false;

  const channel = h('select', { id: 'new-channel', name: 'channel' },
    Object.entries(channelLabel).map(([value, label]) => h('option', { value }, label)));
  const type = h('select', { id: 'new-type', name: 'type' },
    Object.entries(incidentTypeLabel).map(([value, label]) => h('option', { value }, label)));
  type.value = 'publicOrder';
  const severity = h('select', { id: 'new-severity', name: 'severity' });
  // A combobox (WAI-ARIA 1.2): focus stays in the input, ↑↓ move the highlighted option, Enter takes it, Esc closes.
  const address = h('input', {
    id: 'new-address', name: 'address', type: 'text', maxLength: 200, autocomplete: 'off', placeholder: '输入街道门牌或地名，↑↓ 选择，回车确定',
    attrs: { role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'new-address-list' },
  });
  const suggestions = h('ul', { class: 'suggestions', id: 'new-address-list', attrs: { role: 'listbox', 'aria-label': '地址候选' } });
  suggestions.hidden = true;
  const where = h('div', { class: 'location-info', id: 'new-location' });
  const phone = h('input', { id: 'new-phone', name: 'callerPhone', type: 'tel', maxLength: 20, placeholder: '报警人联系电话' });
  const description = h('textarea', { id: 'new-description', name: 'description', rows: 4, maxLength: 2000, placeholder: '报警内容：发生了什么、人员伤亡、嫌疑人特征……' });
  const crowd = h('input', { id: 'new-crowd', name: 'crowdSize', type: 'number', min: 0, max: 1000000, step: 1, placeholder: '估计人数' });
  const crowdRow = field('聚集人数', crowd);
  const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
  const save = h('button', { type: 'submit', class: 'primary', id: 'new-save' }, '保存警情');
  const cancel = h('button', { type: 'button', onClick: () => onClose() }, '取消');

  function fillSeverity() {
    const fallback = defaultSeverity(type.value);
    const value = severity.value;
    // A mass incident with a crowd estimate is graded by the rules' crowd bands on the server (severityByCrowd).
    const byCrowd = type.value === 'massIncident' && crowd.value.trim() !== '';
    replace(severity,
      h('option', { value: '' }, byCrowd ? '按聚集人数定级（规则）' : `按类别默认（${severityLabel[fallback]}）`),
      [1, 2, 3, 4].map((level) => h('option', { value: String(level) }, severityLabel[level])));
    severity.value = value;
  }

  crowd.addEventListener('input', () => fillSeverity());

  function updateTypeDependent() {
    fillSeverity();
    crowdRow.hidden = type.value !== 'massIncident';
  }

  channel.addEventListener('change', () => {
    if (typeForChannel[channel.value]) type.value = typeForChannel[channel.value];
    updateTypeDependent();
  });
  type.addEventListener('change', updateTypeDependent);

  let searchSeq = 0;
  let found = [];
  let active = -1;

  function setOpen(open) {
    suggestions.hidden = !open;
    address.setAttribute('aria-expanded', String(open));
    if (!open) highlight(-1);
  }

  function highlight(index) {
    active = index;
    [...suggestions.children].forEach((li, i) => {
      li.classList.toggle('active', i === index);
      li.setAttribute('aria-selected', String(i === index));
    });
    if (index >= 0) {
      address.setAttribute('aria-activedescendant', suggestions.children[index].id);
      suggestions.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      address.removeAttribute('aria-activedescendant');
    }
  }

  function choose(index) {
    const place = found[index];
    if (!place) return;
    address.value = place.full;
    setOpen(false);
    setLocation(place.lon, place.lat, { keepAddress: true });
    onFocusPoint?.(place.lon, place.lat);
  }

  address.addEventListener('input', async () => {
    const seq = ++searchSeq;
    let list = [];
    try {
      list = await searchAddressesAndPlaces(store, address.value);
    } catch {
      list = [];
    }
    if (seq !== searchSeq) return;
    found = list;
    replace(suggestions, list.map((place, i) => h('li', {
      id: `new-address-option-${i}`,
      attrs: { role: 'option', 'aria-selected': 'false' },
      dataset: { kind: place.address ? 'address' : 'place' },
      onMousedown: (e) => {
        // mousedown, not click: the input's blur would hide the list before a click lands.
        e.preventDefault();
        choose(i);
      },
    }, h('span', { class: 'place-name' }, place.full), h('span', { class: 'place-kind' }, place.kind))));
    active = -1;
    setOpen(list.length > 0 && document.activeElement === address);
  });
  address.addEventListener('keydown', (e) => {
    const open = !suggestions.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!found.length) return;
      e.preventDefault();
      if (!open) setOpen(true);
      const n = found.length;
      highlight(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === 'Enter' && open && !e.ctrlKey && !e.metaKey) {
      // The list is open: Enter takes the highlighted address (the best one when none is), it does not submit.
      e.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape' && open) {
      // Only the list closes; the next Esc closes the form (hotkeys.js).
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  });
  address.addEventListener('blur', () => setOpen(false));

  async function setLocation(lon, lat, { keepAddress = false } = {}) {
    location = { lon, lat };
    draft.set(lon, lat);
    replace(where, `${lon.toFixed(5)}, ${lat.toFixed(5)}`);
    where.classList.add('chosen');
    try {
      const placed = await get(`/api/jurisdictions/locate?lon=${lon}&lat=${lat}`);
      if (location?.lon !== lon || location?.lat !== lat) return;
      const chain = placed.chain.filter((j) => j.level !== 'city').map((j) => j.name);
      replace(where, `${lon.toFixed(5)}, ${lat.toFixed(5)}`, h('br'), `所属辖区：${chain.join(' › ')}`, placed.outsideBoundary ? '（辖区外，就近划归）' : '');
      if (!keepAddress && !address.value.trim()) address.value = `${chain.slice(0, 3).join(' ')}附近`;
    } catch {
      // The jurisdiction is only a hint here; the server places the incident itself when it is saved.
    }
  }

  const form = h('form', {
    class: 'incident-form',
    id: 'create-incident-form',
    noValidate: true,
    onSubmit: async (e) => {
      e.preventDefault();
      if (busy) return;
      if (!location) {
        replace(message, '请先确定报警位置：在地图上点击，或输入街道门牌、地名后从列表中选择。');
        return;
      }
      const body = {
        channel: Number(channel.value),
        type: type.value,
        lon: location.lon,
        lat: location.lat,
        address: address.value.trim() || null,
        description: description.value.trim() || null,
        callerPhone: phone.value.trim() || null,
      };
      if (severity.value) body.severity = Number(severity.value);
      if (type.value === 'massIncident' && crowd.value !== '') body.crowdSize = Number(crowd.value);
      busy = true;
      save.disabled = true;
      replace(message);
      try {
        const detail = await post('/api/incidents', body);
        reset();
        onCreated(detail);
      } catch (err) {
        replace(message, `保存失败：${err.message}`);
      } finally {
        busy = false;
        save.disabled = false;
      }
    },
  },
  h('h2', {}, '接警登记'),
  h('p', { class: 'hint' }, '在地图上点击案发位置，或输入街道门牌、地名后用 ↑↓ 和回车从列表中选择。Ctrl+Enter 保存，Esc 关闭。'),
  h('div', { class: 'form-row two' }, field('报警渠道', channel), field('警情类别', type)),
  field('警情级别', severity),
  h('div', { class: 'field address-field' }, h('label', { htmlFor: 'new-address' }, '地址'), address, suggestions),
  h('div', { class: 'field' }, h('span', { class: 'label' }, '报警位置'), where),
  field('报警电话', phone),
  field('警情描述', description),
  crowdRow,
  message,
  h('div', { class: 'form-actions' }, save, cancel));

  function reset() {
    form.reset();
    type.value = 'publicOrder';
    location = null;
    found = [];
    setOpen(false);
    draft.clear();
    replace(where, '未选择');
    where.classList.remove('chosen');
    replace(message);
    updateTypeDependent();
  }

  form.addEventListener('keydown', (e) => {
    // Ctrl+Enter saves from any field, the description included, where Enter is a new line.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  replace(container, form);
  reset();

  return {
    setLocation,
    reset,
    focus: () => channel.focus(),
  };
}

function field(label, control) {
  return h('div', { class: 'field' }, h('label', { htmlFor: control.id }, label), control);
}
