// 值班表: the shifts of a jurisdiction (down to the townships here; the API takes villages too) — who is the duty
// officer and the leader on duty, and the phone escalations text. Shifts that have started are shown but never
// changed: they are on the record. Saving replaces the planned ones with what the table shows. The desks' 交班留言
// are shown beneath, read-only: they are written on the console at each change of shift.
import { ApiError, get, put } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { dateTime } from '../shared/labels.js';

/** The typed time is Beijing time, whatever the administrator's computer says. */
const beijing = (local) => (local ? `${local}:00+08:00` : null);

export function createShifts(container, { reference, say }) {
  const pick = h('select', { id: 'shift-jurisdiction' }, h('option', { value: '' }, '请选择辖区'));
  const view = h('div', { id: 'shift-view' });
  let schedule = null;
  let planned = [];

  async function loadChoices() {
    const townships = await get('/api/jurisdictions?level=township');
    const byCounty = new Map();
    for (const t of townships) {
      if (!byCounty.has(t.parentId)) byCounty.set(t.parentId, []);
      byCounty.get(t.parentId).push(t);
    }
    for (const j of reference.jurisdictions) {
      pick.append(h('option', { value: j.id }, j.name));
      const children = byCounty.get(j.id) ?? [];
      if (children.length) pick.append(h('optgroup', { label: `${j.name}乡镇（街道）` }, children.map((t) => h('option', { value: t.id }, t.name))));
    }
  }

  async function load() {
    if (!pick.value) {
      replace(view);
      return;
    }
    try {
      schedule = await get(`/api/jurisdictions/${encodeURIComponent(pick.value)}/shifts`);
      const now = Date.now();
      planned = schedule.shifts.filter((s) => new Date(s.from).getTime() >= now);
      render();
    } catch (e) {
      say(`读取值班表失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  }

  function render() {
    const now = Date.now();
    const started = schedule.shifts.filter((s) => new Date(s.from).getTime() < now);
    const current = schedule.current;
    const inputs = {
      from: h('input', { type: 'datetime-local', id: 'shift-from', attrs: { 'aria-label': '开始时间（北京时间）' } }),
      to: h('input', { type: 'datetime-local', id: 'shift-to', attrs: { 'aria-label': '结束时间（北京时间）' } }),
      dutyOfficer: h('input', { type: 'text', id: 'shift-duty', maxLength: 20, placeholder: '值班员' }),
      leaderOnDuty: h('input', { type: 'text', id: 'shift-leader', maxLength: 20, placeholder: '带班领导' }),
      leaderPhone: h('input', { type: 'tel', id: 'shift-phone', maxLength: 20, placeholder: '领导电话' }),
    };
    const add = h('button', { type: 'button', id: 'shift-add', onclick: () => {
      const shift = {
        from: beijing(inputs.from.value), to: beijing(inputs.to.value),
        dutyOfficer: inputs.dutyOfficer.value.trim() || null, leaderOnDuty: inputs.leaderOnDuty.value.trim() || null, leaderPhone: inputs.leaderPhone.value.trim() || null,
      };
      if (!shift.from || !shift.to) {
        say('请填写班次的开始和结束时间', true);
        return;
      }
      planned = [...planned, shift].sort((a, b) => new Date(a.from) - new Date(b.from));
      render();
    } }, '添加班次');
    const save = h('button', { type: 'button', class: 'primary', id: 'shift-save', onclick: async () => {
      save.disabled = true;
      try {
        schedule = await put(`/api/jurisdictions/${encodeURIComponent(pick.value)}/shifts`, { shifts: planned });
        planned = schedule.shifts.filter((s) => new Date(s.from).getTime() >= Date.now());
        say(`已保存值班表：今后 ${planned.length} 个班次`);
        render();
      } catch (e) {
        say(`保存值班表失败：${e instanceof ApiError ? e.message : e}`, true);
      } finally {
        save.disabled = false;
      }
    } }, '保存值班表');
    const row = (s, removable) => h('tr', { class: removable ? 'planned' : 'started' },
      h('td', {}, dateTime(s.from)), h('td', {}, dateTime(s.to)), h('td', {}, s.dutyOfficer ?? '—'), h('td', {}, s.leaderOnDuty ?? '—'),
      h('td', { class: 'mono' }, s.leaderPhone ?? '—'),
      h('td', {}, removable
        ? h('button', { type: 'button', class: 'small remove-shift', onclick: () => { planned = planned.filter((p) => p !== s); render(); } }, '删除')
        : h('span', { class: 'muted' }, '已开始，不可更改')));
    replace(view,
      h('p', { id: 'shift-current' }, '当前值班：', h('strong', {}, current.leaderOnDuty ?? '未排'), '（带班领导）', ' · ',
        h('strong', {}, current.dutyOfficer ?? '未排'), '（值班员）', schedule.currentShift ? `，本班至 ${dateTime(schedule.currentShift.to)}` : '（常设值班表）'),
      h('table', { class: 'grid-table compact', id: 'shift-table' },
        h('thead', {}, h('tr', {}, ['开始', '结束', '值班员', '带班领导', '领导电话', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, started.slice(-5).map((s) => row(s, false)), planned.map((s) => row(s, true)),
          planned.length || started.length ? null : h('tr', {}, h('td', { colSpan: 6, class: 'empty' }, '尚未排班，按常设值班表值班')))),
      h('div', { class: 'inline-form shift-form' }, inputs.from, inputs.to, inputs.dutyOfficer, inputs.leaderOnDuty, inputs.leaderPhone, add),
      h('p', { class: 'muted hint' }, '时间均为北京时间。督办和短信提醒发给督办时刻所在班次的带班领导；两个班次之间按常设值班表。'),
      h('div', { class: 'form-actions' }, save),
      h('h4', {}, '交班留言'),
      schedule.notes?.length
        ? h('ul', { class: 'shift-notes', id: 'shift-notes' }, schedule.notes.slice(0, 10).map((n) => h('li', {},
          h('span', { class: 'muted' }, `${dateTime(n.at)} ${n.by}${n.outgoing ? `（${dateTime(n.outgoing.from)}—${dateTime(n.outgoing.to)}班）` : ''}：`), n.text)))
        : h('p', { class: 'muted', id: 'shift-notes' }, '还没有交班留言；值班员在控制台“交接班”里填写。'));
  }

  pick.addEventListener('change', load);
  replace(container, h('div', { class: 'inline-form' }, pick), view);
  return { ready: loadChoices() };
}
