// The console's state: teams, active incidents, the counties and what is selected. Panels and map layers listen
// here instead of to the hub, so a re-sync after reconnecting and a live event look the same to them.
// Versions guard the order: an event older than what a re-sync already fetched is dropped.

export class Store {
  constructor() {
    this.teams = new Map();
    this.incidents = new Map();
    this.counties = [];
    this.countyNames = new Map();
    this.selectedIncidentId = null;
    this.listeners = new Map();
  }

  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners.get(type) ?? []) {
      try {
        fn(detail);
      } catch (e) {
        console.error(`listener of ${type} failed`, e);
      }
    }
  }

  setCounties(counties) {
    this.counties = counties;
    this.countyNames = new Map(counties.map((c) => [c.id, c.name]));
    this.emit('counties', counties);
  }

  countyName(id) {
    return this.countyNames.get(id) ?? '';
  }

  /** A full snapshot from HTTP, at start and after every reconnect. */
  reset(teams, incidents) {
    this.teams = new Map(teams.map((t) => [t.id, t]));
    this.incidents = new Map(incidents.filter((i) => i.status !== 'closed').map((i) => [i.id, i]));
    this.emit('reset');
  }

  upsertTeam(team) {
    const known = this.teams.get(team.id);
    if (known && known.version > team.version) return;
    // A status event carries the position as of that moment; a newer fix already received wins.
    if (known?.position && team.position && new Date(known.position.at) > new Date(team.position.at)) {
      team = { ...team, position: known.position };
    }
    this.teams.set(team.id, team);
    this.emit('team', team);
  }

  /** A batch of fixes (TeamsMoved): one event for the whole batch, so the map handles 2,000 moves at once. */
  moveTeams(moves) {
    const moved = [];
    for (const move of moves) {
      const team = this.teams.get(move.teamId);
      if (!team) continue;
      if (team.position && new Date(team.position.at) > new Date(move.position.at)) continue;
      team.position = move.position;
      moved.push(team);
    }
    if (moved.length) this.emit('moves', moved);
  }

  upsertIncident(incident) {
    const known = this.incidents.get(incident.id);
    if (known && known.version > incident.version) return;
    if (incident.status === 'closed') {
      if (known) this.removeIncident(incident);
      else this.emit('incidentDetailChanged', incident);
      return;
    }
    this.incidents.set(incident.id, incident);
    this.emit('incident', incident);
    this.emit('incidentDetailChanged', incident);
  }

  /** A case this console no longer holds: closed, or a 转警 signed for elsewhere or returned to its sender. */
  removeIncident(incident) {
    const known = this.incidents.get(incident.id);
    if (!known || known.version > incident.version) return;
    this.incidents.delete(incident.id);
    this.emit('incidentRemoved', incident);
    this.emit('incidentDetailChanged', incident);
  }

  select(incidentId) {
    this.selectedIncidentId = incidentId;
    this.emit('selected', incidentId);
  }
}
