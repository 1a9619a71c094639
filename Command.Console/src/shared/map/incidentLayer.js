// Active incidents on the map, coloured by severity (red, orange, yellow, blue), with the type's first character.
// A mass incident (群体性事件) is drawn larger, and carries a ring that runs down to its next golden-window
// milestone: the ring's arc is the time left, and it turns red once the milestone is breached. With countdownLabels
// (the leaders' situation map, where nobody has the case open beside the map) the ring also says it in words.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from './mapView.js';
import { clockSpan, duration, incidentTypeGlyph, severityColour } from '../labels.js';

const font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const radiusBySeverity = { 1: 14, 2: 13, 3: 12, 4: 11 };

/** The milestone the ring counts down to, as the silo defines it (IncidentState.NextMilestone): the first pending one
 * by due time, else the last one breached. */
export function nextMilestone(milestones) {
  if (!milestones?.length) return null;
  const pending = milestones.filter((m) => m.state === 'pending').sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
  if (pending.length) return pending[0];
  const breached = milestones.filter((m) => m.state === 'breached').sort((a, b) => new Date(b.dueAt) - new Date(a.dueAt));
  return breached[0] ?? null;
}

/** An upgrade to a mass incident shows as 群, whatever type the call came in as. */
function glyphFor(incident) {
  return incidentTypeGlyph[incident.isMassIncident ? 'massIncident' : incident.type] ?? '警';
}

export function createIncidentLayer(store, { countdownLabels = false } = {}) {
  const source = new VectorSource();
  const features = new Map();
  /** Milestones of the incidents that have them (mass incidents), from their detail. */
  const milestones = new Map();
  const styles = new Map();

  function baseStyle(incident, selected) {
    const key = `${incident.severity}|${incident.type}|${incident.isMassIncident}|${selected}|${incident.status}`;
    let style = styles.get(key);
    if (style) return style;
    const radius = radiusBySeverity[incident.severity] ?? 11;
    const colour = severityColour[incident.severity] ?? '#1565c0';
    const list = [];
    if (selected) {
      list.push(new Style({ image: new CircleStyle({ radius: radius + 6, fill: new Fill({ color: 'rgba(255, 214, 0, 0.55)' }), stroke: new Stroke({ color: '#ffab00', width: 2 }) }), zIndex: 9 }));
    }
    if (incident.isMassIncident) {
      list.push(new Style({ image: new CircleStyle({ radius: radius + 3, stroke: new Stroke({ color: colour, width: 2 }) }), zIndex: 10 }));
    }
    list.push(new Style({
      image: new CircleStyle({
        radius,
        fill: new Fill({ color: colour }),
        // A call nobody has been sent to yet has a dashed rim: it still waits for 派警.
        stroke: new Stroke({ color: '#ffffff', width: 2, lineDash: incident.status === 'received' ? [3, 2] : undefined }),
      }),
      text: new Text({
        text: glyphFor(incident),
        font: `bold 13px ${font}`,
        fill: new Fill({ color: incident.severity === 3 ? '#212121' : '#ffffff' }),
      }),
      zIndex: 10,
    }));
    styles.set(key, list);
    return list;
  }

  /** The ring's milestone: the summary's nextMilestone (pushed by the silo with every change of the incident),
   * else the one computed from the detail; breached when it or any earlier milestone is breached and still unmet. */
  function ringOf(incident) {
    const list = milestones.get(incident.id);
    const milestone = incident.nextMilestone ?? nextMilestone(list);
    if (!milestone) return null;
    const due = new Date(milestone.dueAt).getTime();
    const breached = milestone.state === 'breached' || (milestone.state === 'pending' && Date.now() > due)
      || (list ?? []).some((m) => m.state === 'breached');
    // Amber from the rules' warning time (warnAt), as the countdowns in the lists are; rules without one warn in the
    // last quarter of the time.
    const warnAt = milestone.warnAt ? new Date(milestone.warnAt).getTime() : null;
    const warning = !breached && milestone.state === 'pending' && Date.now() >= (warnAt ?? due - (due - new Date(incident.receivedAt).getTime()) / 4);
    return { milestone, due, breached, warning };
  }

  function ringStyle(incident) {
    const ring = ringOf(incident);
    if (!ring) return null;
    const { due, breached, warning } = ring;
    const radius = (radiusBySeverity[incident.severity] ?? 11) + 7;
    const start = new Date(incident.receivedAt).getTime();
    const left = breached ? 0 : Math.max(0, Math.min(1, (due - Date.now()) / Math.max(1, due - start)));
    return new Style({
      zIndex: 11,
      renderer(coordinates, state) {
        const ctx = state.context;
        const [x, y] = coordinates;
        const r = radius * state.pixelRatio;
        ctx.save();
        ctx.lineWidth = 4 * state.pixelRatio;
        ctx.strokeStyle = 'rgba(0, 0, 0, 0.15)';
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.strokeStyle = breached ? '#d50000' : warning ? '#ff6d00' : '#00c853';
        ctx.beginPath();
        // Breached: a full red ring, whatever the next milestone's time left; that breach is what needs action.
        if (breached) ctx.arc(x, y, r, 0, 2 * Math.PI);
        else ctx.arc(x, y, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * left);
        ctx.stroke();
        ctx.restore();
      },
    });
  }

  /** 派警超时: the call passed its dispatch deadline with nobody sent; the label says how long it has waited. */
  function overdueLabel(incident) {
    if (incident.status !== 'received' || !incident.dispatchOverdueAt) return null;
    return `派警超时 ${duration(Date.now() - new Date(incident.receivedAt).getTime())}`;
  }

  function overdueStyle(incident) {
    const text = overdueLabel(incident);
    if (!text) return null;
    return new Style({
      zIndex: 12,
      text: new Text({
        text,
        font: `bold 12px ${font}`,
        offsetY: (radiusBySeverity[incident.severity] ?? 11) + 14,
        fill: new Fill({ color: '#ffffff' }),
        backgroundFill: new Fill({ color: '#c62828' }),
        padding: [1, 4, 1, 4],
      }),
    });
  }

  /** The golden window in words: the milestone the ring counts down to and its time left (or how late it is). */
  function countdownText(incident) {
    const ring = incident.isMassIncident ? ringOf(incident) : null;
    if (!ring) return null;
    const left = ring.due - Date.now();
    const { milestone } = ring;
    if (milestone.state === 'met') return null;
    return left > 0 && !ring.breached ? `${milestone.title} 剩余 ${clockSpan(left)}` : `${milestone.title} 已超时 ${clockSpan(left)}`;
  }

  function countdownStyle(incident) {
    const text = countdownLabels ? countdownText(incident) : null;
    if (!text) return null;
    const ring = ringOf(incident);
    return new Style({
      zIndex: 12,
      text: new Text({
        text,
        font: `bold 12px ${font}`,
        offsetY: -((radiusBySeverity[incident.severity] ?? 11) + 20),
        fill: new Fill({ color: '#ffffff' }),
        backgroundFill: new Fill({ color: ring.breached || Date.now() > ring.due ? '#c62828' : ring.warning ? '#e65100' : '#2e7d32' }),
        padding: [1, 4, 1, 4],
      }),
    });
  }

  function style(feature) {
    const incident = feature.incident;
    const base = baseStyle(incident, incident.id === store.selectedIncidentId);
    const extra = [incident.isMassIncident ? ringStyle(incident) : null, overdueStyle(incident), countdownStyle(incident)].filter(Boolean);
    return extra.length ? [...base, ...extra] : base;
  }

  const layer = new VectorLayer({ source, style, zIndex: 30, properties: { name: 'incidents', kind: 'incident' } });

  function upsert(incident) {
    let feature = features.get(incident.id);
    if (!feature) {
      feature = new Feature(new Point(toMap(incident.location.lon, incident.location.lat)));
      feature.setId(incident.id);
      features.set(incident.id, feature);
      feature.incident = incident;
      source.addFeature(feature);
    } else {
      feature.incident = incident;
      feature.getGeometry().setCoordinates(toMap(incident.location.lon, incident.location.lat));
      feature.changed();
    }
  }

  function remove(id) {
    const feature = features.get(id);
    if (feature) source.removeFeature(feature);
    features.delete(id);
    milestones.delete(id);
  }

  store.on('reset', () => {
    source.clear(true);
    features.clear();
    for (const incident of store.incidents.values()) upsert(incident);
  });
  store.on('incident', upsert);
  store.on('incidentRemoved', (incident) => remove(incident.id));
  store.on('selected', () => {
    for (const feature of features.values()) feature.changed();
  });

  // The rings run down by the second.
  setInterval(() => {
    if (milestones.size || [...features.values()].some((f) => f.incident.nextMilestone || f.incident.dispatchOverdueAt)) layer.changed();
  }, 1000);

  return {
    layer,
    /** Milestones come with the incident detail; whoever fetched it hands them over. */
    setMilestones(incidentId, list) {
      if (list?.length) milestones.set(incidentId, list);
      else milestones.delete(incidentId);
      features.get(incidentId)?.changed();
    },
    milestonesOf: (id) => milestones.get(id),
    overdueLabel(id) {
      const incident = features.get(id)?.incident;
      return incident ? overdueLabel(incident) : null;
    },
    /** The countdown written over a mass incident (countdownLabels), or null. */
    countdownLabel(id) {
      const incident = features.get(id)?.incident;
      return incident && countdownLabels ? countdownText(incident) : null;
    },
    /** The fill colour of an incident's symbol: its severity's. */
    colourOf(id) {
      const incident = features.get(id)?.incident;
      return incident ? severityColour[incident.severity] ?? '#1565c0' : null;
    },
    ids: () => [...features.keys()],
    /** The character drawn in an incident's symbol. */
    glyphOf(id) {
      const incident = features.get(id)?.incident;
      return incident ? glyphFor(incident) : null;
    },
    ringOf(id) {
      const incident = features.get(id)?.incident;
      const ring = incident?.isMassIncident && ringOf(incident);
      if (!ring) return null;
      return { name: ring.milestone.name, dueAt: ring.milestone.dueAt, state: ring.milestone.state, breached: ring.breached, warning: ring.warning };
    },
  };
}
