// The patrol leader's page at /patrol, for a phone: see the team's current assignment on a small map, report
// 接受/出发 → 到达现场 → 处置完毕 → 归队 with large buttons, and share the phone's position while open. A patrol
// leader is bound to one team and the page is that team's; a duty officer who opens it (to relay a radio report)
// picks one of the teams of their jurisdiction.
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { boundingExtent } from 'ol/extent.js';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { get, me, post } from '../shared/api.js';
import { showSignedIn } from '../shared/session.js';
import { connectionBadge } from '../shared/connectionBadge.js';
import { byId, h, replace } from '../shared/dom.js';
import { connectHub } from '../shared/hub.js';
import { wgs84ToGcj02 } from '../shared/gcj02.js';
import { sinceText, startTicker } from '../shared/ticker.js';
import {
  countyOf, dateTime, distance, incidentStatusLabel, incidentTypeLabel, severityColour, severityLabel, teamModeLabel, timeOfDay,
} from '../shared/labels.js';
import { createMap, loadConfig, toMap } from '../shared/map/mapView.js';
import { alarmBanner, askBackup, askFieldReport, confirmFarArrival, contactLinks, updateAlarm } from './field.js';
import { createBoundaryLayers } from '../shared/map/boundaryLayers.js';
import { severityBadge } from '../console/panels/incidentList.js';
import { statusChip } from '../console/panels/teamBoard.js';

const teamKey = 'command.patrol.team';
const shareKey = 'command.patrol.share';
const shareEveryMs = 5000;

/** The buttons, the status each reports, and the statuses it may be pressed from (the server's transitions). */
const actions = [
  { id: 'action-enroute', label: '接受/出发', status: 'enRoute', from: ['dispatched'], primary: true },
  { id: 'action-onscene', label: '到达现场', status: 'onScene', from: ['dispatched', 'enRoute'], primary: true },
  { id: 'action-returning', label: '处置完毕', status: 'returning', from: ['onScene'], primary: true },
  { id: 'action-available', label: '归队', status: 'available', from: ['returning', 'offDuty'], primary: true },
];

let team = null;
let incident = null;
let busy = false;
const setConnection = connectionBadge(byId('connection'));
let connectionState = 'connecting';
startTicker();

const select = byId('team-select');
const message = byId('patrol-message');

/** A patrol leader's own team, with no picker; anyone else picks among the teams they can see. */
async function chooseTeam(user) {
  if (user.teamId) {
    replace(select, h('option', { value: user.teamId }, user.teamId));
    select.value = user.teamId;
    byId('team-picker').hidden = true;
    return;
  }
  byId('team-picker').hidden = false;
  await loadTeams();
}

async function loadTeams() {
  const [teams, counties] = await Promise.all([get('/api/teams'), get('/api/jurisdictions?level=county').catch(() => [])]);
  const names = new Map(counties.map((c) => [c.id, c.name]));
  const groups = new Map();
  for (const t of teams) {
    const county = countyOf(t.jurisdictionId);
    if (!groups.has(county)) groups.set(county, []);
    groups.get(county).push(t);
  }
  replace(select, h('option', { value: '' }, '请选择本队'),
    [...groups.entries()].map(([county, list]) => h('optgroup', { label: names.get(county) ?? county },
      list.map((t) => h('option', { value: t.id }, t.callsign)))));
  const wanted = new URLSearchParams(location.search).get('team') || localStorage.getItem(teamKey) || '';
  select.value = teams.some((t) => t.id === wanted) ? wanted : '';
}

select.addEventListener('change', () => {
  localStorage.setItem(teamKey, select.value);
  team = null;
  incident = null;
  refresh();
});

async function refresh() {
  const id = select.value;
  if (!id) {
    team = null;
    incident = null;
    render();
    return;
  }
  try {
    team = await get(`/api/teams/${encodeURIComponent(id)}`);
    incident = team.incidentId ? await get(`/api/incidents/${encodeURIComponent(team.incidentId)}`) : null;
  } catch (e) {
    say(e.message, true);
  }
  render();
}

function say(text, error = false) {
  replace(message, text ?? '');
  message.classList.toggle('ok', !error);
}

let config = {};
loadConfig().then((c) => { config = c; render(); });

function render() {
  updateAlarm(team);
  replace(byId('alert-slot'), alarmBanner(team, incident, () => report(actions[0])));
  renderTeam();
  renderAssignment();
  renderActions();
  renderPosition();
}

function renderTeam() {
  const card = byId('team-card');
  if (!team) {
    replace(card, h('p', { class: 'none' }, '选择本队后显示派警任务。'));
    return;
  }
  replace(card,
    h('div', { class: 'team-head' },
      h('span', { class: 'team-callsign', id: 'team-callsign' }, team.callsign),
      h('span', { id: 'team-status' }, Object.assign(statusChip(team, team.stale), { className: `team-status big${team.stale ? ' stale' : ''}` }))),
    h('div', { class: 'team-meta' }, `${teamModeLabel[team.mode] ?? team.mode} · ${team.members} 人 · 带队 ${team.leader} · 本状态 `, sinceText(team.statusSince)));
}

let miniMap = null;
let miniSource = null;

function renderAssignment() {
  const card = byId('assignment');
  if (!team) {
    replace(card);
    card.hidden = true;
    return;
  }
  card.hidden = false;
  if (!incident) {
    replace(card, h('h2', {}, '当前任务'), h('p', { class: 'none', id: 'no-assignment' }, '暂无派警任务，保持巡逻。'));
    miniMap = null;
    return;
  }
  const d = incident;
  const far = team.position ? distanceMetres(team.position, d.location) : null;
  const mapEl = h('div', { class: 'mini-map', id: 'mini-map' });
  replace(card,
    h('h2', {}, '当前任务'),
    h('div', { class: 'assignment-head' }, severityBadge(d.severity), h('strong', { class: 'mono', id: 'assignment-number' }, d.number),
      h('span', {}, incidentTypeLabel[d.type] ?? d.type), h('span', { class: `status status-${d.status}` }, incidentStatusLabel[d.status] ?? d.status)),
    d.isMassIncident && h('p', { class: 'guidance' }, '群体性事件：宜散不宜聚、宜解不宜结、宜顺不宜激'),
    h('dl', { class: 'assignment-info' },
      h('dt', {}, '地址'), h('dd', { id: 'assignment-address' }, d.address ?? '（未填）'),
      h('dt', {}, '警情'), h('dd', { class: 'description', id: 'assignment-description' }, d.description ?? '（无描述）'),
      h('dt', {}, '级别'), h('dd', {}, severityLabel[d.severity] ?? String(d.severity)),
      h('dt', {}, '接警'), h('dd', {}, dateTime(d.receivedAt)),
      d.isMassIncident && d.crowdSize != null ? [h('dt', {}, '人数'), h('dd', {}, `约 ${d.crowdSize} 人`)] : null,
      far != null ? [h('dt', {}, '距离'), h('dd', {}, `直线 ${distance(far)}`)] : null),
    contactLinks(d, config),
    mapEl);
  drawMiniMap(mapEl);
}

async function drawMiniMap(target) {
  const config = await loadConfig();
  miniSource = new VectorSource();
  miniMap = createMap(target, config, { controls: false, zoom: 12 });
  // No base tiles on the intranet: the jurisdiction and grid boundaries, with their names, are what orients a leader.
  for (const layer of createBoundaryLayers().all) miniMap.addLayer(layer);
  miniMap.addLayer(new VectorLayer({ source: miniSource, zIndex: 10 }));
  updateMiniMap(true);
}

function updateMiniMap(fit = false) {
  if (!miniMap || !incident) return;
  miniSource.clear();
  const points = [];
  const at = toMap(incident.location.lon, incident.location.lat);
  points.push(at);
  const scene = new Feature(new Point(at));
  scene.setStyle(new Style({
    image: new CircleStyle({ radius: 11, fill: new Fill({ color: severityColour[incident.severity] ?? '#c62828' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
    text: new Text({ text: '现场', offsetY: -20, font: 'bold 13px sans-serif', stroke: new Stroke({ color: '#fff', width: 3 }) }),
  }));
  miniSource.addFeature(scene);
  if (team?.position) {
    const here = toMap(team.position.lon, team.position.lat);
    points.push(here);
    const me = new Feature(new Point(here));
    me.setStyle(new Style({
      image: new CircleStyle({ radius: 8, fill: new Fill({ color: '#1565c0' }), stroke: new Stroke({ color: '#fff', width: 3 }) }),
      text: new Text({ text: '本队', offsetY: 18, font: 'bold 13px sans-serif', stroke: new Stroke({ color: '#fff', width: 3 }) }),
    }));
    miniSource.addFeature(me);
  }
  if (fit) {
    miniMap.getView().fit(boundingExtent(points), { padding: [40, 40, 40, 40], maxZoom: 14, size: miniMap.getSize() ?? [320, 200] });
  }
}

function renderActions() {
  const card = byId('status-actions');
  if (!team) {
    replace(card);
    card.hidden = true;
    return;
  }
  card.hidden = false;
  replace(card, [
    ...actions.map((a) => h('button', {
      id: a.id,
      type: 'button',
      class: a.primary ? 'primary' : '',
      disabled: busy || !a.from.includes(team.status),
      onClick: () => report(a),
    }, a.label)),
    h('button', {
      id: 'action-backup',
      type: 'button',
      class: 'backup',
      // An unanswered request is shown as such: asking twice by accident is not possible.
      disabled: busy || !team.incidentId || !!incident?.backupRequestedAt,
      onClick: () => requestBackup(),
    }, incident?.backupRequestedAt ? '已请求增援，等待增派' : '请求增援'),
  ]);
}

async function requestBackup() {
  if (!team?.incidentId || busy) return;
  const ask = await askBackup();
  if (!ask || busy) return;
  busy = true;
  renderActions();
  try {
    await post(`/api/teams/${encodeURIComponent(team.id)}/backup`, ask);
    say('已请求增援，指挥中心已收到');
  } catch (e) {
    say(`请求增援失败：${e.message}`, true);
  } finally {
    busy = false;
  }
  await refresh();
}

async function report(action) {
  if (!team || busy) return;
  const body = { status: action.status };
  if (action.status === 'onScene' && lastFix) {
    const [lon, lat] = wgs84ToGcj02(lastFix.coords.longitude, lastFix.coords.latitude);
    Object.assign(body, { lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) });
  }
  const feedback = action.status === 'returning' ? await askFieldReport() : null;
  if (action.status === 'returning' && !feedback) return;
  busy = true;
  renderActions();
  say('');
  try {
    if (feedback) {
      await post(`/api/teams/${encodeURIComponent(team.id)}/field-report`, { ...feedback, incidentId: team.incidentId });
    }
    try {
      team = await post(`/api/teams/${encodeURIComponent(team.id)}/status`, body);
    } catch (e) {
      // Far from the scene: the server asks for a confirmation, which is then recorded with the distance.
      if (e.status !== 409 || body.lon == null || !incident || !String(e.message).includes('远距离确认到场')) throw e;
      if (!(await confirmFarArrival(distanceMetres(body, incident.location)))) {
        busy = false;
        render();
        say('未上报到达现场，请继续前往现场。');
        return;
      }
      team = await post(`/api/teams/${encodeURIComponent(team.id)}/status`, { ...body, confirmedFar: true });
    }
    say(`已上报：${action.label}`);
  } catch (e) {
    say(`上报失败：${e.message}`, true);
  } finally {
    busy = false;
  }
  await refresh();
}

// Position sharing: the latest fix is sent every few seconds while the page is open and sharing is on.
let watchId = null;
let lastFix = null;
let lastSent = null;
let shareError = null;

function renderPosition() {
  const card = byId('position-card');
  if (!team) {
    replace(card);
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const box = h('input', { type: 'checkbox', id: 'share-position', checked: sharing(), onChange: () => {
    localStorage.setItem(shareKey, box.checked ? 'on' : 'off');
    startSharing();
    renderPosition();
  } });
  replace(card,
    h('label', { class: 'share' }, h('span', {}, '共享本机位置（每 5 秒上报）'), box),
    h('div', { class: 'share-state', id: 'share-state' },
      !sharing() ? '未共享位置' : shareError ? `无法获取定位：${shareError}` : lastSent ? `最近上报 ${timeOfDay(lastSent)}` : '等待定位…'));
}

function sharing() {
  return localStorage.getItem(shareKey) !== 'off';
}

function startSharing() {
  if (watchId !== null) {
    navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }
  if (!sharing() || !('geolocation' in navigator)) {
    if (!('geolocation' in navigator)) shareError = '本浏览器不支持定位';
    return;
  }
  watchId = navigator.geolocation.watchPosition(
    (p) => {
      lastFix = p;
      shareError = null;
    },
    (e) => {
      shareError = e.code === 1 ? '未授权定位（请在浏览器设置中允许）' : e.message || '定位失败';
      renderPosition();
    },
    { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 },
  );
}

async function sendFix() {
  if (!team || !lastFix || !sharing()) return;
  const [lon, lat] = wgs84ToGcj02(lastFix.coords.longitude, lastFix.coords.latitude);
  const body = { lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)), at: new Date(lastFix.timestamp).toISOString() };
  if (Number.isFinite(lastFix.coords.heading)) body.headingDeg = lastFix.coords.heading;
  if (Number.isFinite(lastFix.coords.speed)) body.speedMps = Math.min(100, lastFix.coords.speed);
  try {
    await post(`/api/teams/${encodeURIComponent(team.id)}/positions`, body);
    lastSent = new Date().toISOString();
    shareError = null;
  } catch (e) {
    shareError = e.message;
  }
  renderPosition();
}
setInterval(sendFix, shareEveryMs);

function distanceMetres(a, b) {
  const r = 6371000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(s));
}

// Live updates for this team and its incident; after a reconnect everything is fetched again.
let refreshTimer = null;
const refreshSoon = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 100);
};
connectHub({
  handlers: {
    TeamStatusChanged: (t) => t.id === team?.id && refreshSoon(),
    IncidentChanged: (i) => i.id === team?.incidentId && refreshSoon(),
    TeamsMoved: (moves) => {
      const mine = team && moves.find((m) => m.teamId === team.id);
      if (!mine) return;
      team.position = mine.position;
      updateMiniMap();
    },
  },
  onState: (state) => {
    connectionState = state;
    setConnection(state);
  },
  resync: refresh,
});

window.__patrol = Object.freeze({
  connectionState: () => connectionState,
  team: () => (team ? { id: team.id, status: team.status, incidentId: team.incidentId } : null),
});

showSignedIn(byId('user-box')).catch(() => {});
me().then(chooseTeam).then(() => {
  startSharing();
  refresh();
}).catch((e) => say(`读取巡防队失败：${e.message}`, true));
