// Feeds the store from the silo: a snapshot over HTTP, then live events over the hub. Events that arrive while a
// snapshot is being fetched are held and replayed on top of it (versions drop the ones it already contains), so
// neither a slow snapshot nor an early event can roll the picture back.
import { get, getAll } from '../shared/api.js';
import { connectHub } from '../shared/hub.js';

// holds(incident): whether this console's desk holds a case; one that left it (转警 signed for elsewhere, or returned
// by the county it was sent to) is dropped from the picture, as the next snapshot would not contain it either.
export function liveFeed(store, { onState, holds = () => true }) {
  let syncing = false;
  let held = [];

  const deliver = (apply) => (payload) => {
    if (syncing) held.push(() => apply(payload));
    else apply(payload);
  };

  async function resync() {
    syncing = true;
    held = [];
    try {
      const [teams, incidents] = await Promise.all([get('/api/teams'), getAll('/api/incidents?active=true')]);
      store.reset(teams, incidents);
    } finally {
      syncing = false;
      const replay = held;
      held = [];
      for (const apply of replay) apply();
    }
    store.emit('synced');
  }

  const hub = connectHub({
    handlers: {
      IncidentChanged: deliver((incident) => (holds(incident) ? store.upsertIncident(incident) : store.removeIncident(incident))),
      TeamsMoved: deliver((moves) => store.moveTeams(moves)),
      TeamStatusChanged: deliver((team) => store.upsertTeam(team)),
      MilestoneChanged: deliver((event) => store.emit('milestone', event)),
      EscalationRaised: deliver((escalation) => store.emit('escalation', escalation)),
      EscalationAcknowledged: deliver((escalation) => store.emit('escalation', escalation)),
      SensitivePeriodChanged: deliver((period) => store.emit('sensitivePeriod', period)),
      MajorDisputeReported: (dispute) => store.emit('majorDispute', dispute),
    },
    onState,
    resync,
  });
  return { hub, resync };
}
