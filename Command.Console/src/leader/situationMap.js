// 态势图: the leader's jurisdiction at a glance beside the cards, drawn with the duty console's own map layers
// (src/shared/map): the live cases by severity, the running golden windows with their countdown written over the
// ring, and the teams by status. It is fed by the page's one hub connection and its re-sync (summaries and teams
// only: no case's detail is fetched for the map; the milestones of the mass incidents come from the details the page
// already keeps for its golden-window cards). A click on a case opens 查看案情.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Stroke, Style } from 'ol/style.js';
import { get } from '../shared/api.js';
import { baseTiles, createMap, loadConfig, moveView, toGeo, toMap } from '../shared/map/mapView.js';
import { createBoundaryLayers } from '../shared/map/boundaryLayers.js';
import { createIncidentLayer } from '../shared/map/incidentLayer.js';
import { createTeamLayer } from '../shared/map/teamLayer.js';
import { attachTooltip } from '../shared/map/tooltip.js';
import { showNoBaseMapNotice } from '../shared/map/noBaseMap.js';
import { createLegend } from '../shared/map/legend.js';
import { describeIncident, describeTeam, featureAt } from '../shared/map/picks.js';
import { Store } from '../shared/map/store.js';

/** The map is made at once, so that the page's first re-sync fills it; base tiles join when the config is read. */
export function createSituationMap(target, { openCase }) {
  const store = new Store();
  const map = createMap(target, {}, { controls: true });
  loadConfig().then((config) => {
    const tiles = baseTiles(config);
    if (tiles) map.addLayer(tiles);
    showNoBaseMapNotice(map, target, config);
  });
  const boundaries = createBoundaryLayers();
  const teamLayer = createTeamLayer(store);
  const incidentLayer = createIncidentLayer(store, { countdownLabels: true });
  // The leader's own jurisdiction outlined over the finer boundaries: a township leader sees where theirs ends.
  const home = new VectorLayer({
    source: new VectorSource(),
    style: new Style({ stroke: new Stroke({ color: '#8e1b1b', width: 3 }) }),
    zIndex: 3,
    properties: { name: 'home' },
  });
  for (const layer of [...boundaries.all, home, teamLayer.layer, incidentLayer.layer]) map.addLayer(layer);
  target.append(createLegend({ dispatchLines: false }));

  let framed = null;
  let fitted = false;
  /** Frames the signed-in leader's jurisdiction: the city for the city's leader, a township for a township's. */
  async function frame(user) {
    const jurisdiction = await get(`/api/jurisdictions/${encodeURIComponent(user.jurisdictionId)}`);
    const geometry = new GeoJSON().readGeometry(jurisdiction.boundary, { featureProjection: 'EPSG:3857' });
    home.getSource().clear();
    home.getSource().addFeature(new Feature(geometry));
    map.updateSize();
    map.getView().fit(geometry.getExtent(), { padding: [24, 24, 24, 24] });
    framed = jurisdiction.name ?? user.jurisdictionName;
    fitted = true;
  }

  // Events that arrive while the page re-syncs are held and replayed on top of the snapshot (versions drop the ones
  // it already has), as the console's feed does, so a slow snapshot cannot roll the map back.
  let syncing = false;
  let held = [];
  const deliver = (apply) => (payload) => {
    if (syncing) held.push(() => apply(payload));
    else apply(payload);
  };

  map.on('singleclick', (event) => {
    const incident = featureAt(map, event.pixel, 'incident');
    if (incident) {
      openCase(incident.getId());
      return;
    }
    const team = teamLayer.teamAt(event.pixel);
    if (team?.incidentId && store.incidents.has(team.incidentId)) openCase(team.incidentId);
  });

  attachTooltip(map, (pixel) => {
    const team = teamLayer.teamAt(pixel);
    if (team) return describeTeam(store, team, teamLayer);
    const feature = featureAt(map, pixel, 'incident');
    if (!feature) return null;
    const card = describeIncident(feature.incident);
    const countdown = incidentLayer.countdownLabel(feature.getId());
    if (countdown) card.lines.unshift(`黄金处置窗口：${countdown}`);
    card.lines.push('点击查看案情');
    return card;
  });

  let frames = 0;
  map.on('postrender', () => { frames++; });

  return {
    frame,
    /** Start of a re-sync: hold live events until the snapshot is in. */
    beginSync() {
      syncing = true;
      held = [];
    },
    reset(teams, incidents) {
      store.reset(teams, incidents);
      syncing = false;
      const replay = held;
      held = [];
      for (const apply of replay) apply();
    },
    /** A failed re-sync: let the live events through again (the next reconnect re-syncs). */
    abortSync() {
      syncing = false;
      const replay = held;
      held = [];
      for (const apply of replay) apply();
    },
    incident: deliver((summary) => store.upsertIncident(summary)),
    teamStatus: deliver((team) => store.upsertTeam(team)),
    teamsMoved: deliver((moves) => store.moveTeams(moves)),
    setMilestones: (id, milestones) => incidentLayer.setMilestones(id, milestones),
    // Read-only hooks for the browser tests: what the map draws.
    hooks: Object.freeze({
      ready: () => fitted && !map.getView().getAnimating() && frames > 0,
      framedJurisdiction: () => framed,
      viewExtent() {
        const [minX, minY, maxX, maxY] = map.getView().calculateExtent(map.getSize());
        return [...toGeo([minX, minY]), ...toGeo([maxX, maxY])];
      },
      incidentIds: () => incidentLayer.ids().sort(),
      incidentColour: (id) => incidentLayer.colourOf(id),
      countdownLabel: (id) => incidentLayer.countdownLabel(id),
      incidentRing: (id) => incidentLayer.ringOf(id),
      teamIds: () => [...store.teams.keys()].sort(),
      teamStyle: (id) => teamLayer.drawnStyle(id),
      /** Where a place is on the screen, relative to the map element (for a test to click or hover there). */
      pixelOf: (lon, lat) => map.getPixelFromCoordinate(toMap(lon, lat)),
      /** Looks at a place at a zoom, as a leader zooming in there would. */
      centerOn: (lon, lat, zoom) => moveView(map, { lon, lat, zoom }),
      tooltip: () => {
        const el = target.querySelector('.map-tooltip');
        return el && !el.hidden ? el.textContent : null;
      },
      renderedFrames: () => frames,
    }),
  };
}
