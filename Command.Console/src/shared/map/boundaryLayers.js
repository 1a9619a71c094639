// Jurisdiction boundaries: the real counties always, synthetic townships, villages and 网格 as the view zooms in.
// About 4,300 jurisdictions exist, so finer levels load only when their layer becomes visible, and grids only for
// the part of the city in view, in fixed tiles so that the browser can cache the answers.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { bbox as bboxStrategy, tile as tileStrategy } from 'ol/loadingstrategy.js';
import { createXYZ } from 'ol/tilegrid.js';
import { transformExtent } from 'ol/proj.js';
import Point from 'ol/geom/Point.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from './mapView.js';

const format = new GeoJSON({ featureProjection: 'EPSG:3857' });
const font = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

function labelPoint(feature) {
  let point = feature.get('labelPoint');
  if (!point) {
    point = new Point(toMap(feature.get('labelLon'), feature.get('labelLat')));
    feature.set('labelPoint', point, true);
  }
  return point;
}

function source(level, strategy) {
  const src = new VectorSource({
    format,
    strategy,
    loader(extent, _resolution, projection, success, failure) {
      let url = `/api/map/boundaries?level=${level}`;
      if (strategy !== undefined) {
        const [minLon, minLat, maxLon, maxLat] = transformExtent(extent, projection, 'EPSG:4326').map((n) => n.toFixed(4));
        url += `&bbox=${minLon},${minLat},${maxLon},${maxLat}`;
      }
      fetch(url)
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status}`))))
        .then((json) => {
          const features = format.readFeatures(json);
          src.addFeatures(features);
          success(features);
        })
        .catch(() => {
          // Let OpenLayers forget this extent, so that it is asked for again on the next view change.
          src.removeLoadedExtent(extent);
          failure();
        });
    },
  });
  return src;
}

function styles({ stroke, width, dash, fill, textSize, textColour, halo, labelMinZoomResolution }) {
  const polygon = new Style({
    stroke: new Stroke({ color: stroke, width, lineDash: dash }),
    fill: fill ? new Fill({ color: fill }) : undefined,
  });
  const labelCache = new globalThis.Map();
  return (feature, resolution) => {
    if (labelMinZoomResolution && resolution > labelMinZoomResolution) return polygon;
    const name = feature.get('name');
    let label = labelCache.get(name);
    if (!label) {
      label = new Style({
        geometry: labelPoint,
        text: new Text({
          text: name,
          font: `${textSize}px ${font}`,
          fill: new Fill({ color: textColour }),
          stroke: new Stroke({ color: halo, width: 3 }),
          overflow: true,
        }),
      });
      labelCache.set(name, label);
    }
    return [polygon, label];
  };
}

// Resolutions in EPSG:3857 metres per pixel: zoom z is about 156543 / 2^z.
const resolutionAt = (zoom) => 156543.03392804097 / 2 ** zoom;

export function createBoundaryLayers() {
  const counties = new VectorLayer({
    source: source('county'),
    style: styles({ stroke: '#37474f', width: 2, fill: 'rgba(236, 239, 241, 0.35)', textSize: 16, textColour: '#263238', halo: '#ffffff' }),
    zIndex: 1,
    // County names form their own declutter group, so that finer labels never push them off the map.
    declutter: 'county',
    properties: { name: 'counties' },
  });
  const townships = new VectorLayer({
    source: source('township'),
    style: styles({ stroke: '#78909c', width: 1.2, dash: [6, 4], textSize: 13, textColour: '#455a64', halo: '#ffffff' }),
    minZoom: 9.8,
    zIndex: 2,
    declutter: 'fine',
    properties: { name: 'townships' },
  });
  const villages = new VectorLayer({
    source: source('village', bboxStrategy),
    style: styles({ stroke: '#b0bec5', width: 1, textSize: 12, textColour: '#607d8b', halo: '#ffffff', labelMinZoomResolution: resolutionAt(12.5) }),
    minZoom: 11.5,
    zIndex: 2,
    declutter: 'fine',
    properties: { name: 'villages' },
  });
  const grids = new VectorLayer({
    source: source('grid', tileStrategy(createXYZ({ tileSize: 512, minZoom: 11, maxZoom: 11 }))),
    style: styles({ stroke: 'rgba(0, 137, 123, 0.55)', width: 1, dash: [2, 3], textSize: 11, textColour: '#00796b', halo: '#ffffff', labelMinZoomResolution: resolutionAt(14.5) }),
    minZoom: 13,
    zIndex: 2,
    declutter: 'fine',
    properties: { name: 'grids' },
  });
  return { counties, townships, villages, grids, all: [counties, townships, villages, grids] };
}
