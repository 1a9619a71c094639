// What a call-taker can pick while typing an address: the standard addresses (标准地址, street and house number,
// searched on the server) and a small gazetteer of township, village and community names (synthetic, from the map
// data) and the named cameras and checkpoints, each with a point inside it.
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

/**
 * Standard addresses and named places together, up to `limit`. A query with a house number or a street word is an
 * address first; a bare name (张庄) is a village or a township first.
 */
export async function searchAddressesAndPlaces(store, query, limit = 10) {
  const text = query.trim();
  if (!text) return [];
  const [addresses, places] = await Promise.all([
    searchAddresses(text, limit).catch(() => []),
    searchPlaces(store, text, limit).catch(() => []),
  ]);
  const streetLike = /[0-9０-９]|路|街|道|巷|号|弄/.test(text);
  const first = streetLike ? addresses : places;
  const second = streetLike ? places : addresses;
  // Keep room for the other kind, so a village name still offers its streets and a street still offers its village.
  const taken = first.slice(0, Math.max(limit - Math.min(second.length, 3), 0));
  return [...taken, ...second].slice(0, limit);
}

async function searchAddresses(query, limit) {
  const found = await get(`/api/addresses?q=${encodeURIComponent(query.slice(0, 100))}&limit=${limit}`);
  return found.map((a) => ({
    name: a.address,
    full: a.address,
    lon: a.lon,
    lat: a.lat,
    kind: a.synthetic ? '标准地址（演示）' : '标准地址',
    address: true,
  }));
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
