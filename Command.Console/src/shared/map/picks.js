// What is under the pointer on a map of the console or the leaders' situation map, and what its hover card says;
// and the extent a page frames at start (the signed-in user's own jurisdiction).
import GeoJSON from 'ol/format/GeoJSON.js';
import { get } from '../api.js';
import { duration, incidentStatusLabel, incidentTypeLabel, severityLabel, teamModeLabel, teamStatusLabel, timeOfDay } from '../labels.js';

/** The extent (map projection) of a jurisdiction's boundary, from GET /api/jurisdictions/{id}. */
export async function jurisdictionExtent(id) {
  const jurisdiction = await get(`/api/jurisdictions/${encodeURIComponent(id)}`);
  return new GeoJSON().readGeometry(jurisdiction.boundary, { featureProjection: 'EPSG:3857' }).getExtent();
}

export function featureAt(map, pixel, kind) {
  let found = null;
  map.forEachFeatureAtPixel(pixel, (feature) => {
    found = feature;
    return true;
  }, { hitTolerance: 4, layerFilter: (layer) => layer.get('kind') === kind });
  return found;
}

export function describeTeam(store, team, teamLayer) {
  const lines = [
    `${teamModeLabel[team.mode] ?? team.mode} · ${teamStatusLabel[team.status] ?? team.status}（${duration(Date.now() - new Date(team.statusSince).getTime())}）`,
    `人员：${team.members} 人（带队：${team.leader ?? ''}）`,
  ];
  if (team.roster?.length) lines.push(`队员：${team.roster.slice(0, 6).join('、')}${team.roster.length > 6 ? '…' : ''}`);
  if (team.incidentId) lines.push(`警情：${store.incidents.get(team.incidentId)?.number ?? team.incidentId}`);
  if (teamLayer.isStale(team)) lines.push(`位置已过时（最后上报 ${team.position ? timeOfDay(team.position.at) : '无'}）`);
  return { title: team.callsign, lines };
}

export function describeIncident(incident) {
  return {
    title: `${incident.number} ${incidentTypeLabel[incident.type] ?? incident.type}`,
    lines: [
      `${severityLabel[incident.severity] ?? ''} · ${incidentStatusLabel[incident.status] ?? incident.status}`,
      incident.address ?? '',
      `接警 ${timeOfDay(incident.receivedAt)}，已派 ${incident.assignedTeams} 队`,
    ].filter(Boolean),
  };
}
