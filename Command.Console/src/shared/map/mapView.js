// The OpenLayers map itself: view, controls and the optional base tiles. No base tiles by default: the police
// intranet has no public tile server, and the vector boundaries are enough to dispatch on. A tile URL (an
// intranet XYZ server in GCJ-02, like the map data) can be configured on the silo as Console:TileUrl.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import TileLayer from 'ol/layer/Tile.js';
import XYZ from 'ol/source/XYZ.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';

export const liaochengCentre = [115.95, 36.5];

/** The configured base tiles as a layer, or null when none are configured. */
export function baseTiles({ tileUrl, tileAttribution } = {}) {
  return tileUrl ? new TileLayer({ source: new XYZ({ url: tileUrl, attributions: tileAttribution || undefined, crossOrigin: 'anonymous' }), zIndex: 0 }) : null;
}

export function createMap(target, config = {}, { zoom = 9.2, center = liaochengCentre, controls = true } = {}) {
  const tiles = baseTiles(config);
  const layers = tiles ? [tiles] : [];
  const map = new Map({
    target,
    layers,
    controls: controls ? defaultControls({ rotate: false }).extend([new ScaleLine()]) : [],
    view: new View({
      center: fromLonLat(center),
      zoom,
      minZoom: 7,
      maxZoom: 18,
      enableRotation: false,
    }),
  });
  return map;
}

export const toMap = (lon, lat) => fromLonLat([lon, lat]);

/**
 * Moves the view and renders at once. OpenLayers renders on the next animation frame, and until then
 * getPixelFromCoordinate answers for the frame before: a pointer sent to that pixel would miss what is now there.
 */
export function moveView(map, { lon, lat, zoom }) {
  const view = map.getView();
  if (lon != null && lat != null) view.setCenter(toMap(lon, lat));
  if (zoom != null) view.setZoom(zoom);
  map.renderSync();
}
export const toGeo = (coordinate) => toLonLat(coordinate);

export async function loadConfig() {
  try {
    const response = await fetch('/console-config.json', { cache: 'no-store' });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}
