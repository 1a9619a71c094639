// The duty officer's console at /: wires the store, the data feed, the map layers and the panels together.
// The feed is a parameter so that the measurement page (/bench.html) can drive the same console with 2,000
// synthetic teams; the real console gets its data from the silo (liveFeed).
import { createSensitiveBanner } from '../shared/sensitivePeriod.js';
import { createMajorDisputeBar } from '../shared/majorDisputes.js';
import { connectionBadge } from '../shared/connectionBadge.js';
import { byId, h, replace } from '../shared/dom.js';
import { startTicker } from '../shared/ticker.js';
import {
  countyOf, isOpenEscalation, isWithin,
} from '../shared/labels.js';
import { get } from '../shared/api.js';
import { showSignedIn } from '../shared/session.js';
import { Store } from '../shared/map/store.js';
import { describeIncident, describeTeam, featureAt, jurisdictionExtent } from '../shared/map/picks.js';
import { createMap, loadConfig, moveView, toGeo, toMap } from '../shared/map/mapView.js';
import { createBoundaryLayers } from '../shared/map/boundaryLayers.js';
import { createAssetLayers } from './map/assetLayers.js';
import { createTeamLayer } from '../shared/map/teamLayer.js';
import { createIncidentLayer, nextMilestone } from '../shared/map/incidentLayer.js';
import { createDraftLayer } from './map/draftLayer.js';
import { createDispatchLines } from './map/dispatchLines.js';
import { showNoBaseMapNotice } from '../shared/map/noBaseMap.js';
import { attachTooltip } from '../shared/map/tooltip.js';
import { trackMilestones } from './milestoneTracker.js';
import { createIncidentList } from './panels/incidentList.js';
import { createTeamBoard } from './panels/teamBoard.js';
import { createIncidentPanel } from './panels/incidentPanel.js';
import { createIncidentForm } from './panels/createIncident.js';
import { createLegend } from '../shared/map/legend.js';
import { installHotkeys } from './hotkeys.js';
import { startConsoleAlarms } from './alarms.js';
import { createSearchPanel } from './panels/search.js';
import { createHandoverPanel } from './panels/handover.js';
import { watchInstructions } from './panels/instructions.js';

export async function startConsole({ feed }) {
  const store = new Store();
  // Who is signed in decides what the map frames and what the lists hold (the server sends only their subtree).
  const [user, config] = await Promise.all([showSignedIn(byId('user-box')), loadConfig()]);
  const map = createMap(byId('map'), config);
  const boundaries = createBoundaryLayers();
  const assets = createAssetLayers();
  const teamLayer = createTeamLayer(store);
  const incidentLayer = createIncidentLayer(store);
  const draft = createDraftLayer();
  const dispatchLines = createDispatchLines(store);
  for (const layer of [...boundaries.all, assets.cameras, assets.checkpoints, dispatchLines.layer, teamLayer.layer, incidentLayer.layer, draft.layer]) map.addLayer(layer);
  showNoBaseMapNotice(map, byId('map'), config);
  byId('map').append(createLegend());
  createSensitiveBanner(document.querySelector('.console-main'), store);
  const reportMajorDispute = createMajorDisputeBar(document.querySelector('.console-main'));
  store.on('majorDispute', reportMajorDispute);

  // Frame the user's own jurisdiction (the city for the city's officers, 冠县 for 冠县's), whatever the size of the
  // screen. Its outline comes with the jurisdiction; should that fail, the counties drawn (the user's own and no
  // other) frame it as well.
  const countySource = boundaries.counties.getSource();
  let fitted = false;
  let framed = null;
  const frame = (extent, name) => {
    map.getView().fit(extent, { padding: [20, 20, 20, 20] });
    fitted = true;
    framed = name;
  };
  const home = jurisdictionExtent(user.jurisdictionId);
  home.catch(() => {}); // handled where it is used, once the counties are drawn
  const fitWhenDrawn = () => {
    if (countySource.getFeatures().length === 0) return;
    countySource.un('change', fitWhenDrawn);
    home.then((extent) => frame(extent, user.jurisdictionName))
      .catch(() => frame(countySource.getExtent(), null));
  };
  countySource.on('change', fitWhenDrawn);

  bindToggle('layer-cameras', assets.cameras);
  bindToggle('layer-checkpoints', assets.checkpoints);
  bindToggle('layer-grids', boundaries.grids);

  get('/api/jurisdictions?level=county').then((counties) => {
    // The lists' "all" is the whole city for the city's officers, and the user's own jurisdiction for anyone below.
    store.scopeLabel = counties.some((c) => c.parentId === user.jurisdictionId) ? '全市' : `${user.jurisdictionName}全部`;
    store.setCounties(counties);
  }).catch(() => {});
  trackMilestones(store, incidentLayer);
  startConsoleAlarms(store);
  watchInstructions(store);
  startTicker();

  // Panels.
  const focusTeam = (teamId) => {
    teamLayer.select(teamId);
    const team = store.teams.get(teamId);
    if (team?.position) map.getView().animate({ center: toMap(team.position.lon, team.position.lat), zoom: Math.max(map.getView().getZoom(), 11.5), duration: 400 });
  };
  createIncidentList(byId('incident-list'), store);
  createTeamBoard(byId('team-board'), store, { onTeamClick: (t) => focusTeam(t.id), isStale: teamLayer.isStale });
  const detailPanel = createIncidentPanel(byId('incident-panel'), { store, incidentLayer, onTeamFocus: focusTeam, isStale: teamLayer.isStale, user });

  const createPanel = byId('create-panel');
  const incidentPanel = byId('incident-panel');
  let creating = false;
  const showCreate = (open) => {
    creating = open;
    createPanel.hidden = !open;
    incidentPanel.hidden = open;
    byId('new-incident').classList.toggle('active', open);
    byId('map').classList.toggle('picking', open);
    if (!open) draft.clear();
  };
  const form = createIncidentForm(createPanel, {
    store,
    draft,
    onFocusPoint: (lon, lat) => map.getView().animate({ center: toMap(lon, lat), zoom: Math.max(map.getView().getZoom(), 12), duration: 400 }),
    onCreated: (detail) => {
      store.upsertIncident(summaryOf(detail));
      showCreate(false);
      store.select(detail.id);
    },
    onClose: () => showCreate(false),
  });
  byId('new-incident').addEventListener('click', () => {
    showCreate(!creating);
    if (creating) form.focus();
  });
  showCreate(false);
  installHotkeys({
    newCall: () => { if (!creating) showCreate(true); form.focus(); },
    closePanel: () => { if (creating) showCreate(false); else store.select(null); },
  });

  // Tabs of the left column.
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) {
        const on = other === tab;
        other.setAttribute('aria-selected', String(on));
        byId(other.dataset.tab).hidden = !on;
      }
    });
  }
  // 历史查询 and 交接班 open a case in the detail panel, whether or not it is still in the live list.
  const openCase = (summary) => { store.upsertIncident(summary); store.select(summary.id); };
  createSearchPanel(byId('search-panel'), { onOpen: openCase });
  const handover = createHandoverPanel(byId('handover-panel'), { onOpen: openCase });
  byId('handover-tab').addEventListener('click', () => handover.load());
  const incidentCount = byId('incident-count');
  const teamCount = byId('team-count');
  const counts = () => {
    replace(incidentCount, String(store.incidents.size));
    replace(teamCount, String(store.teams.size));
  };
  for (const event of ['reset', 'incident', 'incidentRemoved', 'team']) store.on(event, counts);

  // Map interaction: while registering a call a click places it; otherwise a click selects what is under it.
  map.on('singleclick', (event) => {
    if (creating) {
      const [lon, lat] = toGeo(event.coordinate);
      form.setLocation(lon, lat);
      return;
    }
    const incident = featureAt(map, event.pixel, 'incident');
    if (incident) {
      store.select(incident.getId());
      return;
    }
    const team = teamLayer.teamAt(event.pixel);
    if (team) {
      teamLayer.select(team.id);
      if (team.incidentId && store.incidents.has(team.incidentId)) store.select(team.incidentId);
    }
  });
  store.on('selected', (id) => {
    const incident = id && store.incidents.get(id);
    if (!incident) return;
    const at = toMap(incident.location.lon, incident.location.lat);
    const extent = map.getView().calculateExtent(map.getSize());
    if (at[0] < extent[0] || at[0] > extent[2] || at[1] < extent[1] || at[1] > extent[3]) map.getView().animate({ center: at, duration: 400 });
  });

  attachTooltip(map, (pixel) => {
    const team = teamLayer.teamAt(pixel);
    if (team) return describeTeam(store, team, teamLayer);
    const incident = featureAt(map, pixel, 'incident');
    if (incident) return describeIncident(incident.incident);
    const asset = featureAt(map, pixel, 'asset');
    return asset ? { title: asset.get('name'), lines: [asset.get('kind') === 'camera' ? '视频监控' : '治安卡点'] } : null;
  });

  const setConnection = connectionBadge(byId('connection'));
  let connectionState = 'connecting';
  let synced = false;
  let snapshots = 0;
  store.on('synced', () => { synced = true; snapshots++; });
  // The desk holds what the silo lets it see (AccessScope): its own jurisdiction's cases, and one sent here until decided.
  const desk = { id: user.jurisdictionId, level: user.jurisdictionLevel };
  feed(store, {
    onState: (state, info) => { connectionState = state; setConnection(state, info); },
    holds: (i) => isWithin(desk, i.jurisdictionId) || Boolean(i.transfer?.isPending && isWithin(desk, i.transfer.toJurisdictionId)),
  });

  // Read-only hooks for the browser tests: what the map draws, never a way to change it.
  window.__command = Object.freeze({
    /** 派警超时 as the map draws it: the label under the incident's icon, or null. */
    incidentOverdueLabel: (id) => incidentLayer.overdueLabel(id),
    get synced() { return synced; },
    /** How many full snapshots the console has taken (one at start, one after each reconnect). */
    snapshots: () => snapshots,
    connectionState: () => connectionState,
    /** True once the counties are drawn and the view frames the user's jurisdiction. */
    mapReady: () => fitted && countySource.getFeatures().length > 0 && !map.getView().getAnimating(),
    /** The name of the jurisdiction the view was fitted to, and what is in view now as [minLon, minLat, maxLon, maxLat]. */
    framedJurisdiction: () => framed,
    viewExtent() {
      const [minX, minY, maxX, maxY] = map.getView().calculateExtent(map.getSize());
      return [...toGeo([minX, minY]), ...toGeo([maxX, maxY])];
    },
    countyNames: () => countySource.getFeatures().map((f) => f.get('name')).sort(),
    /** Where a place is on the screen, relative to the map element (for a test to click there). */
    pixelOf: (lon, lat) => map.getPixelFromCoordinate(toMap(lon, lat)),
    /** The county drawn at a place: a hit test on the rendered map, so it proves the polygon is on screen. */
    countyAt(lon, lat) {
      const pixel = map.getPixelFromCoordinate(toMap(lon, lat));
      let name = null;
      map.forEachFeatureAtPixel(pixel, (f) => { name = f.get('name'); return true; }, { layerFilter: (l) => l === boundaries.counties });
      return name;
    },
    layerVisible: (name) => map.getAllLayers().some((l) => l.get('name') === name && l.getVisible()),
    assetCount: (name) => (name === 'cameras' ? assets.cameras : assets.checkpoints).getSource().getFeatures().length,
    teamPosition: (id) => teamLayer.drawnPosition(id),
    /** Where a team's icon is drawn on screen (relative to the map): apart from another icon at the same place. */
    teamPixel: (id) => teamLayer.drawnPixel(id),
    teamStyle: (id) => teamLayer.drawnStyle(id),
    teamCount: () => teamLayer.count(),
    teamIds: () => [...store.teams.keys()].sort(),
    incidentRing: (id) => incidentLayer.ringOf(id),
    dispatchLines: (incidentId) => dispatchLines.teamsLinkedTo(incidentId),
    incidentGlyph: (id) => incidentLayer.glyphOf(id),
    zoomTo: (zoom) => moveView(map, { zoom }),
    /** Looks at a place at a zoom, as an officer panning there would (for a test of what is drawn there). */
    centerOn: (lon, lat, zoom) => moveView(map, { lon, lat, zoom }),
    noBaseMapNotice: () => !byId('map').querySelector('.no-basemap')?.hidden,
    selectedIncident: () => store.selectedIncidentId,
    detail: () => detailPanel.detail?.id ?? null,
    renderedFrames: () => frames,
  });
  let frames = 0;
  map.on('postrender', () => { frames++; });
  return { store, map, teamLayer, incidentLayer };
}

function bindToggle(id, layer) {
  const box = byId(id);
  box.checked = layer.getVisible();
  box.addEventListener('change', () => layer.setVisible(box.checked));
}

function summaryOf(detail) {
  const county = detail.jurisdictionChain?.find((j) => j.level === 'county');
  return {
    id: detail.id,
    number: detail.number,
    channel: detail.channel,
    type: detail.type,
    severity: detail.severity,
    status: detail.status,
    isMassIncident: detail.isMassIncident,
    location: detail.location,
    address: detail.address,
    jurisdictionId: detail.jurisdictionId,
    countyId: county?.id ?? countyOf(detail.jurisdictionId),
    receivedAt: detail.receivedAt,
    statusSince: detail.receivedAt,
    assignedTeams: detail.assignments?.filter((a) => !a.clearedAt).length ?? 0,
    version: detail.version,
    nextMilestone: nextMilestone(detail.milestones),
    openEscalations: detail.escalations?.filter(isOpenEscalation).length ?? 0,
  };
}
