// 在办警情: every incident not yet closed, sortable, filterable by county; a click selects it.
import { h, replace } from '../../shared/dom.js';
import { instructionMark } from './instructions.js';
import { sortableTable } from '../../shared/sortableTable.js';
import { sinceText } from '../../shared/ticker.js';
import {
  countyOf, incidentStatusLabel, incidentStatusOrder, incidentTypeLabel, severityColour, severityRoman, timeOfDay,
} from '../../shared/labels.js';
import { countyFilter } from './countyFilter.js';

export function createIncidentList(container, store) {
  let county = '';
  const count = h('span', { class: 'count' });
  const table = sortableTable([
    { key: 'number', label: '警情编号', sort: (i) => i.number, class: 'num',
      // 督: escalations waiting for a leader's 签收.
      cell: (i) => [
        i.number,
        ...(i.openEscalations > 0 ? [h('span', { class: 'escalated-mark', title: `${i.openEscalations} 条升级督办待签收` }, '督')] : []),
        // 援: a team on the incident asked for backup and nobody has been sent since.
        ...(i.backupRequestedAt ? [h('span', { class: 'escalated-mark backup-mark', title: '现场请求增援，尚未增派' }, '援')] : []),
        // 批: a leader's 批示 no duty officer has read yet.
        ...instructionMark(i),
      ] },
    { key: 'severity', label: '级别', sort: (i) => i.severity, cell: (i) => severityBadge(i.severity) },
    // An incident upgraded to a mass incident is listed as what it is now.
    { key: 'type', label: '类别', sort: (i) => currentTypeLabel(i), cell: (i) => currentTypeLabel(i) },
    { key: 'status', label: '状态', sort: queueRank, cell: (i) => [
      h('span', { class: `status status-${i.status}` }, incidentStatusLabel[i.status] ?? i.status),
      ...(isOverdue(i) ? [h('span', { class: 'overdue-mark', title: '已过派警时限，仍未派警' }, '派警超时 已等', sinceText(i.receivedAt))] : []),
    ] },
    { key: 'county', label: '辖区', sort: (i) => countyLabel(store, i), cell: (i) => countyLabel(store, i) },
    { key: 'elapsed', label: '历时', sort: (i) => -new Date(i.receivedAt).getTime(), cell: (i) => h('span', { title: `接警 ${timeOfDay(i.receivedAt)}` }, sinceText(i.receivedAt)) },
    { key: 'assigned', label: '警力', sort: (i) => i.assignedTeams, cell: (i) => String(i.assignedTeams) },
  ], {
    rowKey: (i) => i.id,
    onRowClick: (i) => store.select(i.id),
    rowClass: (i) => `${i.id === store.selectedIncidentId ? 'selected' : ''} ${i.isMassIncident ? 'mass' : ''} ${isWaiting(i) ? 'waiting' : ''} ${isOverdue(i) ? 'overdue' : ''}`,
    // The queue: what waits for a decision first (see queueRank), the calls being worked after.
    initialSort: { key: 'status', descending: false },
    empty: '暂无在办警情',
  });

  replace(container,
    h('div', { class: 'list-toolbar' }, countyFilter(store, (value) => { county = value; schedule(); }), count),
    h('div', { class: 'list-scroll' }, table.element));

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const rows = [...store.incidents.values()].filter((i) => !county || (i.countyId ?? countyOf(i.jurisdictionId)) === county);
      table.setRows(rows);
      replace(count, `共 ${rows.length} 起`);
    });
  }
  for (const event of ['reset', 'incident', 'incidentRemoved', 'selected', 'counties']) store.on(event, schedule);
  schedule();
  return { refresh: schedule };
}

/** The case's county; a call sent here (转警) from a county this desk does not see is labelled by its sender. */
function countyLabel(store, i) {
  return store.countyName(i.countyId ?? countyOf(i.jurisdictionId)) || (i.transfer?.state === 'pending' ? `${i.transfer.fromName}转来` : '');
}

/** Waiting for the duty officer: nobody sent yet (接警), or a team's 请求增援 not yet answered. */
export function isWaiting(i) {
  return i.status === 'received' || Boolean(i.backupRequestedAt && i.status !== 'closed');
}

/** Past its dispatch deadline with nobody sent (派警超时), as the silo's deadline recorded it. */
export function isOverdue(i) {
  return i.status === 'received' && Boolean(i.dispatchOverdueAt);
}

/** The queue's order as one number: waiting calls by severity (I first), then the longest wait; after them the
 * rest by status, newest first. Milliseconds since 1970 stay below 1e13, so the terms never overlap. */
export function queueRank(i) {
  const received = new Date(i.receivedAt).getTime();
  if (isWaiting(i)) {
    const since = i.status === 'received' ? received : new Date(i.backupRequestedAt).getTime();
    return (i.severity ?? 4) * 1e13 + since;
  }
  return 1e14 + Math.max(0, incidentStatusOrder.indexOf(i.status)) * 1e13 + (1e13 - received);
}

export function severityBadge(severity) {
  return h('span', { class: `severity severity-${severity}`, style: { '--severity': severityColour[severity] ?? '#1565c0' } }, `${severityRoman[severity] ?? severity}级`);
}

function currentTypeLabel(i) {
  return incidentTypeLabel[i.isMassIncident ? 'massIncident' : i.type] ?? i.type;
}
