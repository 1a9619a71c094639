// Mass incidents carry golden-window milestones, which only the incident detail lists. This keeps the map's
// countdown rings supplied: details are fetched for every active mass incident, and refreshed when a milestone
// event or a change of the incident arrives.
import { get } from '../shared/api.js';

export function trackMilestones(store, incidentLayer) {
  const inFlight = new Set();

  async function refresh(id) {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    try {
      const detail = await get(`/api/incidents/${encodeURIComponent(id)}`);
      if (store.incidents.has(id)) incidentLayer.setMilestones(id, detail.milestones);
    } catch {
      // The ring is an aid; the incident panel shows the milestones and any error when the incident is opened.
    } finally {
      inFlight.delete(id);
    }
  }

  store.on('reset', () => {
    for (const incident of store.incidents.values()) if (incident.isMassIncident) refresh(incident.id);
  });
  store.on('incident', (incident) => incident.isMassIncident && refresh(incident.id));
  store.on('milestone', (event) => store.incidents.has(event.incidentId) && refresh(event.incidentId));
}
