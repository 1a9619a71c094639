// A small gazetteer for typing an address: township, village and community names (synthetic, from the map data)
// and the named cameras and checkpoints, each with a point inside it. There is no street-level geocoder on the
// intranet; the call-taker picks the nearest named place and then refines the spot by clicking the map.
import { get } from '../shared/api.js';

let loading = null;

async function load(store) {
  const [townships, villages, assets] = await Promise.all([
    get('/api/map/boundaries?level=township&shape=label'),
    get('/api/map/boundaries?level=village&shape=label'),
    get('/api/map/assets'),
  ]);
  const townshipNames = new Map(townships.features.map((f) => [f.properties.id, f.properties.name]));
  const places = [];
  for (const f of townships.features) {
    const p = f.properties;
    places.push({ name: p.name, full: `${store.countyName(p.parentId)} ${p.name}`, lon: p.labelLon, lat: p.labelLat, kind: '乡镇/街道' });
  }
  for (const f of villages.features) {
    const p = f.properties;
    const township = townshipNames.get(p.parentId) ?? '';
    places.push({ name: p.name, full: `${store.countyName(p.parentId.slice(0, 6))} ${township} ${p.name}`, lon: p.labelLon, lat: p.labelLat, kind: '村/社区' });
  }
  for (const f of assets.features) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    places.push({ name: p.name, full: p.name, lon, lat, kind: p.kind === 'camera' ? '视频监控' : '治安卡点' });
  }
  return places;
}

/** Up to `limit` places whose name contains every space-separated part of the query. */
export async function searchPlaces(store, query, limit = 8) {
  const parts = query.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return [];
  loading ??= load(store).catch((e) => {
    loading = null;
    throw e;
  });
  const places = await loading;
  const found = places.filter((p) => parts.every((part) => p.full.includes(part)));
  // Shorter names first: typing 张庄 should offer 张庄村 before 张庄村北视频监控03.
  found.sort((a, b) => a.name.length - b.name.length);
  return found.slice(0, limit);
}
