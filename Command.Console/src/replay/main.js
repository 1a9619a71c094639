// 轨迹回放 at /replay?incident=<id>: a leader or duty officer plays a case back on the map from the stored track log,
// from a few minutes before the call to the close: every team sent to it moves along its track with the symbol (mode,
// and the status it had at that moment), the timeline lights up event by event, at 1× to 60×. Everything comes
// from one answer (GET /api/incidents/{id}/replay); the page changes nothing.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import LineString from 'ol/geom/LineString.js';
import { Circle as CircleStyle, Fill, Icon, Stroke, Style, Text } from 'ol/style.js';
import { boundingExtent } from 'ol/extent.js';
import { get } from '../shared/api.js';
import { byId, h, replace } from '../shared/dom.js';
import { showSignedIn } from '../shared/session.js';
import { pageMessage } from '../shared/pageMessage.js';
import { baseTiles, createMap, loadConfig, toMap } from '../shared/map/mapView.js';
import { createBoundaryLayers } from '../shared/map/boundaryLayers.js';
import { createLegend } from '../shared/map/legend.js';
import { showNoBaseMapNotice } from '../shared/map/noBaseMap.js';
import { ratio as iconRatio, teamIcon } from '../shared/map/icons.js';
import {
  incidentStatusLabel, incidentTypeGlyph, incidentTypeLabel, severityColour, severityLabel, teamModeGlyph, teamModeLabel,
  teamStatusColour, teamStatusLabel, timelineKindLabel, personName,
} from '../shared/labels.js';
import { describeTimelineEntry } from '../console/panels/timelineText.js';

const say = pageMessage(5000);
const speeds = [1, 5, 10, 30, 60];
/** One colour per track, apart from the status colours the symbols use. */
const trackColours = ['#1e88e5', '#e53935', '#43a047', '#fb8c00', '#8e24aa', '#00acc1', '#6d4c41', '#d81b60'];

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const clockOfDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const ms = (iso) => (iso ? new Date(iso).getTime() : null);

const incidentId = new URLSearchParams(location.search).get('incident');
showSignedIn(byId('user-box')).catch((e) => say(`读取登录信息失败：${e.message}`, true));

// ---- The map ---------------------------------------------------------------------------------------------------

const mapTarget = byId('replay-map');
const map = createMap(mapTarget, {}, { controls: true });
loadConfig().then((config) => {
  const tiles = baseTiles(config);
  if (tiles) map.addLayer(tiles);
  showNoBaseMapNotice(map, mapTarget, config);
});
const tracks = new VectorLayer({ source: new VectorSource(), zIndex: 5, properties: { name: 'tracks' } });
const marks = new VectorLayer({ source: new VectorSource(), zIndex: 6, properties: { name: 'replay-marks' } });
for (const layer of [...createBoundaryLayers().all, tracks, marks]) map.addLayer(layer);
mapTarget.append(createLegend({ dispatchLines: false }));
let frames = 0;
map.on('postrender', () => { frames++; });

// ---- State -----------------------------------------------------------------------------------------------------

let replay = null; // the answer
let teams = []; // { team, colour, times[], coords[], line, symbol, drawn }
let start = 0;
let end = 0;
let head = 0;
let speed = 1;
let playing = false;
let lastFrame = null;
let reached = -1; // index of the newest timeline event at or before the head

const playButton = byId('play');
const speedSelect = byId('speed');
const slider = byId('head');
const headClock = byId('head-clock');
const timelineList = byId('timeline');

for (const s of speeds) speedSelect.append(h('option', { value: String(s) }, `${s}×`));
speedSelect.value = '1';
speedSelect.addEventListener('change', () => { speed = Number(speedSelect.value); });
playButton.addEventListener('click', () => (playing ? pause() : play()));
slider.addEventListener('input', () => {
  head = start + Number(slider.value) * 1000;
  render();
});

/** The status a team had at time t, from its assignment's times (before the call it was on patrol). */
function statusAt(team, t) {
  const at = (iso) => ms(iso) ?? Infinity;
  const closed = at(replay.case.closedAt);
  const cleared = Math.min(at(team.clearedAt), closed);
  if (t < ms(team.assignedAt)) return 'available';
  if (t >= cleared) return t >= at(team.onSceneAt) && team.clearedAs == null ? 'returning' : 'available';
  if (t >= at(team.onSceneAt)) return 'onScene';
  if (t >= at(team.enRouteAt)) return 'enRoute';
  return 'dispatched';
}

/** How many of the sorted times are at or before t. */
function countUpTo(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const iconStyles = new Map();
function symbolStyle(team, status) {
  const key = `${team.mode}|${status}|${team.callsign}`;
  let style = iconStyles.get(key);
  if (!style) {
    const img = teamIcon({ mode: team.mode ?? 'foot', glyph: teamModeGlyph[team.mode] ?? '巡', colour: teamStatusColour[status], stale: false, selected: false });
    style = new Style({
      image: new Icon({ img, size: [img.width, img.height], scale: 1 / iconRatio }),
      text: new Text({
        text: team.callsign, offsetY: 20, font: '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
        fill: new Fill({ color: '#263238' }), stroke: new Stroke({ color: '#ffffff', width: 3 }),
      }),
      zIndex: 20,
    });
    iconStyles.set(key, style);
  }
  return style;
}

function caseStyle(c) {
  const colour = severityColour[c.severity] ?? '#1565c0';
  // A wide ring as well: a team on scene sits on the point, and the scene must still show around its symbol.
  const ring = new Style({ image: new CircleStyle({ radius: 21, fill: new Fill({ color: 'rgba(255, 255, 255, 0.55)' }), stroke: new Stroke({ color: colour, width: 3 }) }), zIndex: 9 });
  return [ring, new Style({
    image: new CircleStyle({ radius: 12, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#ffffff', width: 2 }) }),
    text: new Text({
      text: c.isMassIncident ? '群' : incidentTypeGlyph[c.type] ?? '警',
      font: 'bold 13px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      fill: new Fill({ color: c.severity === 3 ? '#212121' : '#ffffff' }),
    }),
    zIndex: 10,
  })];
}

// ---- Drawing the head ------------------------------------------------------------------------------------------

function render() {
  if (!replay) return;
  for (const t of teams) {
    const n = countUpTo(t.times, head);
    t.drawn = n;
    if (n === 0) {
      t.line.setGeometry(undefined);
      t.symbol.setGeometry(undefined);
      continue;
    }
    const coords = t.coords.slice(0, n);
    // Between two fixes the symbol is where the team would be at the head's time, not stuck on the last fix.
    let at = coords[n - 1];
    if (n < t.coords.length) {
      const [a, b] = [t.times[n - 1], t.times[n]];
      const f = (head - a) / Math.max(1, b - a);
      at = [at[0] + (t.coords[n][0] - at[0]) * f, at[1] + (t.coords[n][1] - at[1]) * f];
      coords.push(at);
    }
    t.line.setGeometry(coords.length > 1 ? new LineString(coords) : undefined);
    t.symbol.setGeometry(new Point(at));
    t.symbol.setStyle(symbolStyle(t.team, statusAt(t.team, head)));
  }
  replace(headClock, clock.format(new Date(head)));
  slider.value = String(Math.round((head - start) / 1000));
  const items = timelineList.children;
  let newest = -1;
  replay.timeline.forEach((entry, i) => {
    const on = ms(entry.at) <= head;
    items[i].classList.toggle('reached', on);
    if (on) newest = i;
  });
  if (newest !== reached) {
    if (reached >= 0) items[reached]?.classList.remove('newest');
    reached = newest;
    if (reached >= 0) {
      items[reached].classList.add('newest');
      items[reached].scrollIntoView({ block: 'nearest' });
    }
  }
  for (const row of byId('teams').querySelectorAll('li[data-team]')) {
    const t = teams.find((x) => x.team.teamId === row.dataset.team);
    replace(row.querySelector('.replay-team-status'), teamStatusLabel[statusAt(t.team, head)]);
  }
}

function tick(now) {
  if (!playing) return;
  if (lastFrame !== null) head = Math.min(end, head + (now - lastFrame) * speed);
  lastFrame = now;
  render();
  if (head >= end) {
    pause();
    return;
  }
  requestAnimationFrame(tick);
}

function play() {
  if (!replay) return;
  if (head >= end) head = start; // 播放 at the end starts again from the beginning
  playing = true;
  lastFrame = null;
  replace(playButton, '暂停');
  playButton.setAttribute('aria-pressed', 'true');
  requestAnimationFrame(tick);
}

function pause() {
  playing = false;
  replace(playButton, '播放');
  playButton.setAttribute('aria-pressed', 'false');
}

// ---- Loading ---------------------------------------------------------------------------------------------------

function show(data) {
  replay = data;
  start = ms(data.from);
  // The close's own entries (teams released) may be journaled a moment after the close: the head reaches them too.
  end = Math.max(start + 1000, ms(data.to), ...data.timeline.map((e) => ms(e.at)));
  head = start;
  const c = data.case;
  document.title = `轨迹回放 · ${c.number}`;
  replace(byId('case-title'), `${c.number} ${c.isMassIncident ? '群体性事件' : incidentTypeLabel[c.type] ?? c.type}`);
  replace(byId('case-facts'),
    h('span', { class: `severity severity-${c.severity}`, style: { '--severity': severityColour[c.severity] } }, severityLabel[c.severity] ?? ''),
    h('span', {}, `接警 ${clock.format(new Date(c.receivedAt))}`),
    h('span', {}, c.closedAt ? `办结 ${clock.format(new Date(c.closedAt))}` : `${incidentStatusLabel[c.status] ?? c.status}（未办结，回放到现在）`),
    c.address ? h('span', {}, c.address) : null);

  const caseFeature = new Feature(new Point(toMap(c.location.lon, c.location.lat)));
  caseFeature.setStyle(caseStyle(c));
  marks.getSource().addFeature(caseFeature);

  teams = data.teams.map((team, i) => {
    const colour = trackColours[i % trackColours.length];
    const line = new Feature();
    line.setStyle(new Style({ stroke: new Stroke({ color: colour, width: 3 }) }));
    const symbol = new Feature();
    tracks.getSource().addFeature(line);
    marks.getSource().addFeature(symbol);
    return {
      team, colour, line, symbol, drawn: 0,
      times: team.points.map((p) => ms(p.at)),
      coords: team.points.map((p) => toMap(p.lon, p.lat)),
    };
  });

  replace(byId('teams'), teams.length === 0 ? h('p', { class: 'muted' }, '这起警情没有派出过警力。')
    : h('ul', {}, teams.map((t) => h('li', { dataset: { team: t.team.teamId } },
      h('span', { class: 'track-swatch', style: { '--track': t.colour } }),
      h('strong', {}, t.team.callsign), ' ',
      h('span', { class: 'muted' }, teamModeLabel[t.team.mode] ?? ''), ' ',
      h('span', { class: 'replay-team-status' }),
      h('span', { class: 'muted' }, t.team.points.length ? ` · ${t.team.recordedPoints}个定位点${t.team.thinned ? `（已按时间抽稀为${t.team.points.length}个）` : ''}` : ' · 无定位记录')))));

  const callsignOf = (id) => data.teams.find((t) => t.teamId === id)?.callsign ?? id;
  replace(timelineList, data.timeline.map((entry) => h('li', { dataset: { kind: entry.kind } },
    h('span', { class: 'tl-time' }, clockOfDay.format(new Date(entry.at))),
    h('span', { class: 'tl-kind' }, timelineKindLabel[entry.kind] ?? entry.kind),
    h('span', { class: 'tl-text' }, describeTimelineEntry(entry, { callsignOf })),
    h('span', { class: 'tl-actor' }, entry.actor === 'system' ? '系统' : personName(entry.actor)))));

  slider.max = String(Math.round((end - start) / 1000));
  slider.disabled = false;
  playButton.disabled = false;
  replace(byId('range-start'), clockOfDay.format(new Date(start)));
  replace(byId('range-end'), clockOfDay.format(new Date(end)));

  // Frame the case and every point of every track.
  const all = [toMap(c.location.lon, c.location.lat), ...teams.flatMap((t) => t.coords)];
  map.updateSize();
  map.getView().fit(boundingExtent(all), { padding: [60, 60, 60, 60], maxZoom: 16 });
  render();
  loaded = true;
}

let loaded = false;
if (!incidentId) {
  replace(byId('case-title'), '未指定警情');
  say('请从警情详情或查看案情中打开轨迹回放。', true);
} else {
  get(`/api/incidents/${encodeURIComponent(incidentId)}/replay`).then(show).catch((e) => {
    replace(byId('case-title'), '无法回放');
    say(`读取轨迹回放失败：${e.message}`, true);
  });
}

// Read-only hooks for the browser tests: where the play head is and what is drawn.
window.__replay = Object.freeze({
  get loaded() { return loaded; },
  get playing() { return playing; },
  get speed() { return speed; },
  head: () => (replay ? new Date(head).toISOString() : null),
  end: () => (replay ? new Date(end).toISOString() : null),
  atEnd: () => Boolean(replay) && head >= end,
  teamIds: () => teams.map((t) => t.team.teamId),
  drawnPoints: (teamId) => teams.find((t) => t.team.teamId === teamId)?.drawn ?? 0,
  totalPoints: (teamId) => teams.find((t) => t.team.teamId === teamId)?.times.length ?? 0,
  symbolStatus: (teamId) => {
    const t = teams.find((x) => x.team.teamId === teamId);
    return t && t.symbol.getGeometry() ? statusAt(t.team, head) : null;
  },
  reachedEvents: () => timelineList.querySelectorAll('li.reached').length,
  newestEvent: () => (reached >= 0 ? replay.timeline[reached].kind : null),
  renderedFrames: () => frames,
});
