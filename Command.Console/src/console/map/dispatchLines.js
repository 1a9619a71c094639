// 派警连线: a line from each open incident to every team sent to it and not yet back, so the officer sees at a glance
// who is coming to what and from where. The selected incident's lines are drawn bold; the others thin.
// Lines follow a team's reported position (not its gliding icon): a few metres of lag at street zoom is harmless.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import { Stroke, Style } from 'ol/style.js';
import { toMap } from '../../shared/map/mapView.js';

const out = new Set(['dispatched', 'enRoute', 'onScene']);
const plain = new Style({ stroke: new Stroke({ color: 'rgba(38, 50, 56, 0.55)', width: 1.5, lineDash: [6, 4] }) });
const chosen = new Style({ stroke: new Stroke({ color: '#263238', width: 3, lineDash: [8, 4] }), zIndex: 1 });

export function createDispatchLines(store) {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 15,
    style: (feature) => (feature.get('incidentId') === store.selectedIncidentId ? chosen : plain),
    properties: { name: 'dispatchLines', kind: 'line' },
  });

  let pending = false;
  function rebuild() {
    pending = false;
    source.clear(true);
    const lines = [];
    for (const team of store.teams.values()) {
      if (!team.incidentId || !out.has(team.status) || !team.position) continue;
      const incident = store.incidents.get(team.incidentId);
      if (!incident || incident.status === 'closed') continue;
      const feature = new Feature(new LineString([
        toMap(incident.location.lon, incident.location.lat), toMap(team.position.lon, team.position.lat)]));
      feature.setId(`${incident.id}|${team.id}`);
      feature.setProperties({ incidentId: incident.id, teamId: team.id });
      lines.push(feature);
    }
    source.addFeatures(lines);
  }
  // Pushes come in bursts (a batch of moves every 200 ms): rebuild once per frame at most.
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(rebuild);
  }
  for (const event of ['reset', 'team', 'moves', 'incident', 'incidentRemoved']) store.on(event, schedule);
  store.on('selected', () => layer.changed());

  return {
    layer,
    /** The teams a line is drawn to for an incident (for tests and the tooltip). */
    teamsLinkedTo: (incidentId) => source.getFeatures().filter((f) => f.get('incidentId') === incidentId).map((f) => f.get('teamId')).sort(),
  };
}
