// 联动单位 in the incident panel: the departments called into the case (牵头/协作, task, the 签收 countdown, their 反馈),
// and 调度联动单位 to call one more in. Its own part of the panel: the list is redrawn when the calls change, the form
// only when it is opened or closed, so what the officer types survives the pushes that reload the case.
import { h, replace } from '../../shared/dom.js';
import { get, post } from '../../shared/api.js';
import { dueText } from '../../shared/ticker.js';
import { timeWithDay } from '../../shared/labels.js';

const roleLabel = { lead: '牵头', support: '协作' };

let departments = null;
function departmentList() {
  if (!departments) departments = get('/api/departments').catch((e) => { departments = null; throw e; });
  return departments;
}

function state(call) {
  if (call.finishedAt) return h('span', { class: 'department-state done' }, `已处置完毕 ${timeWithDay(call.finishedAt)}`);
  if (call.receivedAt) {
    return h('span', { class: `department-state${call.overdueAt ? ' late' : ''}` },
      `已签收 ${timeWithDay(call.receivedAt)}${call.overdueAt ? '（超时签收）' : ''}`);
  }
  if (call.overdueAt) return h('span', { class: 'department-state late' }, '未按时签收 ', dueText(call.dueAt));
  return h('span', { class: 'department-state' }, '待签收 ', dueText(call.dueAt));
}

export function createDepartmentsPart(container, { act }) {
  const list = h('div', { class: 'department-calls' });
  const formHolder = h('div', { class: 'department-form-holder' });
  replace(container, h('section', { class: 'departments', id: 'detail-departments' }, h('h3', {}, '联动单位'), list, formHolder));
  let listFor = null;
  let formFor = null;
  let open = false;
  let current = null;

  function drawList(d) {
    const calls = d.departments ?? [];
    const key = JSON.stringify(calls);
    if (key === listFor) return;
    listFor = key;
    replace(list, calls.length === 0
      ? h('p', { class: 'muted', id: 'no-department-calls' }, '尚未调度联动单位。')
      : h('table', { class: 'grid-table compact', id: 'department-calls' },
        h('tbody', {}, calls.map((c) => {
          const last = (c.reports ?? []).at(-1);
          return h('tr', { dataset: { username: c.username, number: String(c.number) } },
            h('td', {}, h('strong', {}, c.departmentName), h('span', { class: `department-role ${c.role}` }, roleLabel[c.role] ?? c.role)),
            h('td', {}, c.task, last && h('div', { class: 'muted department-report' }, `反馈 ${timeWithDay(last.at)}：${last.final ? '【处置完毕】' : ''}${last.text}`)),
            h('td', {}, state(c)));
        }))));
  }

  function drawForm(d) {
    const closed = d.status === 'closed';
    const key = `${d.id}|${closed}|${open}`;
    if (key === formFor) return;
    formFor = key;
    if (closed) {
      replace(formHolder);
      return;
    }
    if (!open) {
      replace(formHolder, h('button', { type: 'button', class: 'small', id: 'call-department', onClick: () => { open = true; drawForm(current); } }, '调度联动单位'));
      return;
    }
    const select = h('select', { id: 'department-to', attrs: { 'aria-label': '联动单位' } }, h('option', { value: '' }, '选择联动单位…'));
    departmentList().then((all) => {
      for (const dept of all) select.append(h('option', { value: dept.username }, `${dept.displayName}（${dept.departmentName}）`));
    }, () => select.append(h('option', { value: '', attrs: { disabled: '' } }, '联动单位列表未能载入，请关闭后重试')));
    const role = h('select', { id: 'department-role', attrs: { 'aria-label': '职责' } },
      h('option', { value: 'support' }, '协作单位'), h('option', { value: 'lead' }, '牵头单位'));
    const task = h('input', { id: 'department-task', placeholder: '任务，如“扑救火灾并搜救被困人员”', attrs: { maxlength: '500' } });
    replace(formHolder, h('form', { class: 'inline-form', id: 'department-form', onSubmit: (e) => {
      e.preventDefault();
      const name = select.selectedOptions[0]?.textContent ?? '联动单位';
      act(`调度${name}`, async () => {
        await post(`/api/incidents/${encodeURIComponent(d.id)}/departments`, { department: select.value, role: role.value, task: task.value.trim() });
        open = false;
      });
    } }, select, role, task, h('button', { type: 'submit', class: 'primary', id: 'department-submit' }, '调度'),
      h('button', { type: 'button', onClick: () => { open = false; drawForm(current); } }, '取消')));
  }

  return {
    render(d) {
      current = d;
      drawList(d);
      drawForm(d);
    },
  };
}
