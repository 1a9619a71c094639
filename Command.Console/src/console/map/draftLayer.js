// The pin of a call being registered: where the call-taker clicked or the address they picked.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from '../../shared/map/mapView.js';

export function createDraftLayer() {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 40,
    style: new Style({
      image: new CircleStyle({ radius: 9, fill: new Fill({ color: 'rgba(213, 0, 0, 0.25)' }), stroke: new Stroke({ color: '#d50000', width: 3 }) }),
      text: new Text({ text: '报警位置', offsetY: -20, font: 'bold 12px "Noto Sans CJK SC", sans-serif', fill: new Fill({ color: '#b71c1c' }), stroke: new Stroke({ color: '#fff', width: 3 }) }),
    }),
  });
  return {
    layer,
    set(lon, lat) {
      source.clear();
      source.addFeature(new Feature(new Point(toMap(lon, lat))));
    },
    clear: () => source.clear(),
  };
}
