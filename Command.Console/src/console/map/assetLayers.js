// 视频监控 (cameras) and 治安卡点 (checkpoints), each a layer the duty officer can switch on and off.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Style } from 'ol/style.js';
import { camera, checkpoint } from '../../shared/map/icons.js';

export function createAssetLayers() {
  const format = new GeoJSON({ featureProjection: 'EPSG:3857' });
  const cameras = new VectorSource();
  const checkpoints = new VectorSource();
  let loaded = false;

  // Both layers come from one file; it is fetched the first time either layer is shown.
  const load = () => {
    if (loaded) return;
    loaded = true;
    fetch('/api/map/assets')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status}`))))
      .then((json) => {
        const features = format.readFeatures(json);
        for (const f of features) f.setId(f.get('id'));
        cameras.addFeatures(features.filter((f) => f.get('kind') === 'camera'));
        checkpoints.addFeatures(features.filter((f) => f.get('kind') === 'checkpoint'));
      })
      .catch(() => {
        loaded = false;
      });
  };

  const cameraLayer = new VectorLayer({
    source: cameras,
    style: new Style({ image: camera() }),
    zIndex: 5,
    visible: false,
    properties: { name: 'cameras', kind: 'asset' },
  });
  const checkpointLayer = new VectorLayer({
    source: checkpoints,
    style: new Style({ image: checkpoint() }),
    zIndex: 5,
    // Off until asked for: at city scale the posts crowd out the incidents and teams the officer is working.
    visible: false,
    properties: { name: 'checkpoints', kind: 'asset' },
  });
  for (const layer of [cameraLayer, checkpointLayer]) {
    layer.on('change:visible', () => layer.getVisible() && load());
  }
  load();
  return { cameras: cameraLayer, checkpoints: checkpointLayer };
}
