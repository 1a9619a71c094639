// 巡防队状态: every team with its status and how long it has been in it; sortable, filterable by county.
import { h, replace } from '../../shared/dom.js';
import { sortableTable } from '../../shared/sortableTable.js';
import { sinceText } from '../../shared/ticker.js';
import { countyOf, teamModeLabel, teamStatusColour, teamStatusLabel, teamStatusOrder } from '../../shared/labels.js';
import { countyFilter } from './countyFilter.js';

export function createTeamBoard(container, store, { onTeamClick, isStale }) {
  let county = '';
  const count = h('span', { class: 'count' });
  const table = sortableTable([
    { key: 'callsign', label: '巡防队', sort: (t) => t.callsign, cell: (t) => t.callsign },
    { key: 'mode', label: '方式', sort: (t) => teamModeLabel[t.mode] ?? t.mode, cell: (t) => teamModeLabel[t.mode] ?? t.mode },
    { key: 'status', label: '状态', sort: (t) => teamStatusOrder.indexOf(t.status), cell: (t) => statusChip(t, isStale(t)) },
    { key: 'since', label: '用时', sort: (t) => new Date(t.statusSince).getTime(), cell: (t) => sinceText(t.statusSince) },
    { key: 'members', label: '人数', sort: (t) => t.members, cell: (t) => String(t.members) },
    { key: 'county', label: '辖区', sort: (t) => store.countyName(countyOf(t.jurisdictionId)), cell: (t) => store.countyName(countyOf(t.jurisdictionId)) },
    { key: 'incident', label: '警情', sort: (t) => incidentNumber(t) ?? '', cell: (t) => incidentNumber(t) ?? '' },
  ], {
    rowKey: (t) => t.id,
    onRowClick: (t) => onTeamClick?.(t),
    initialSort: { key: 'status', descending: true },
    empty: '暂无巡防队',
  });

  function incidentNumber(team) {
    return team.incidentId ? store.incidents.get(team.incidentId)?.number ?? '' : null;
  }

  replace(container,
    h('div', { class: 'list-toolbar' }, countyFilter(store, (value) => { county = value; schedule(); }), count),
    h('div', { class: 'list-scroll' }, table.element));

  // Status changes can come in bursts (a re-sync, a busy simulation): redraw at most twice a second.
  let timer = null;
  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const rows = [...store.teams.values()].filter((t) => !county || countyOf(t.jurisdictionId) === county);
      table.setRows(rows);
      const available = rows.filter((t) => t.status === 'available' && !isStale(t)).length;
      replace(count, `共 ${rows.length} 队，待命 ${available} 队`);
    }, 300);
  }
  for (const event of ['reset', 'team', 'counties', 'incident']) store.on(event, schedule);
  schedule();
  return { refresh: schedule };
}

export function statusChip(team, stale) {
  const label = teamStatusLabel[team.status] ?? team.status;
  return h('span', {
    class: `team-status${stale ? ' stale' : ''}`,
    dataset: { status: team.status },
    style: { '--status': teamStatusColour[team.status] ?? '#757575' },
    title: stale ? '位置信息已过时' : '',
  }, label, stale ? '（位置过时）' : '');
}
