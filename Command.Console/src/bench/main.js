// /bench.html: the duty officer's console driven by synthetic teams instead of the silo, to measure whether the
// map stays fluid with many teams moving. It runs the console's own code (store, layers, panels); only the feed
// differs. Query: ?teams=2000&seconds=10&batches=1 (batches per second; the hub flushes every 200 ms, so a
// live console gets 5 smaller batches a second; 1 batch of every team is the harder case).
// The result is put on window.__bench.result and printed on the page.
import { startConsole } from '../console/app.js';

const params = new URLSearchParams(location.search);
const count = Number(params.get('teams') ?? 2000);
const seconds = Number(params.get('seconds') ?? 10);
const batchesPerSecond = Number(params.get('batches') ?? 1);
const zoom = params.has('zoom') ? Number(params.get('zoom')) : null;
const pan = params.get('pan') === '1';

const modes = ['vehicle', 'foot', 'checkpoint', 'motorcycle'];
const statuses = ['available', 'available', 'available', 'dispatched', 'enRoute', 'onScene', 'returning'];

// A fixed-seed generator, so that every run draws the same city.
let seed = 20261121;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

function syntheticTeams() {
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-${i}`,
    callsign: `测试${i}组`,
    mode: modes[i % modes.length],
    status: statuses[i % statuses.length],
    statusSince: now,
    members: 8,
    leader: '测试',
    roster: [],
    equipment: [],
    jurisdictionId: '371502',
    position: { lon: 115.45 + random() * 1.1, lat: 35.95 + random() * 1.0, at: now },
    stale: false,
    incidentId: null,
    version: 1,
    heading: random() * 2 * Math.PI,
  }));
}

/** Two mass incidents, so the picture also shows the golden-window ring: one running down, one breached. */
function syntheticIncidents() {
  const now = Date.now();
  const incident = (id, number, lon, lat, minutesAgo) => ({
    id, number, channel: 110, type: 'massIncident', severity: 2, status: 'dispatched', isMassIncident: true,
    location: { lon, lat }, address: '合成数据', jurisdictionId: '371502', countyId: '371502',
    receivedAt: new Date(now - minutesAgo * 60000).toISOString(), statusSince: new Date(now).toISOString(), assignedTeams: 1, version: 1,
  });
  return [incident('bench-mass-1', 'BENCH-0001', 115.99, 36.46, 4), incident('bench-mass-2', 'BENCH-0002', 115.62, 36.2, 40)];
}

const state = { store: null };
function benchFeed(store, { onState }) {
  state.store = store;
  store.reset(syntheticTeams(), syntheticIncidents());
  onState('connected');
  store.emit('synced');
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
};

async function run() {
  const { map, incidentLayer } = await startConsole({ feed: benchFeed });
  const minutesFromNow = (m) => new Date(Date.now() + m * 60000).toISOString();
  incidentLayer.setMilestones('bench-mass-1', [{ name: 'firstOnScene', title: '首支警力到场', dueAt: minutesFromNow(6), state: 'pending', metAt: null, metBy: null }]);
  incidentLayer.setMilestones('bench-mass-2', [{ name: 'firstOnScene', title: '首支警力到场', dueAt: minutesFromNow(-20), state: 'breached', metAt: null, metBy: null }]);
  const store = state.store;
  const teams = [...store.teams.values()];
  // Let the boundaries load and the first frame settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const view = map.getView();
  if (zoom !== null) {
    view.setZoom(zoom);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const centre = view.getCenter();

  const applyMs = [];
  const parseMs = [];
  const renderMs = [];
  let frameStart = 0;
  map.on('precompose', () => { frameStart = performance.now(); });
  map.on('postcompose', () => renderMs.push(performance.now() - frameStart));

  const frameTimes = [];
  let measuring = true;
  const onFrame = (t) => {
    frameTimes.push(t);
    if (pan) {
      // A slow circle around the starting centre, about a fifth of the view wide.
      const r = view.getResolution() * 150;
      const a = (t / 4000) * 2 * Math.PI;
      view.setCenter([centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)]);
    }
    if (measuring) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const perBatch = Math.ceil(teams.length / batchesPerSecond);
  let next = 0;
  const tick = () => {
    const at = new Date().toISOString();
    const batch = [];
    for (let k = 0; k < perBatch; k++) {
      const team = teams[next];
      next = (next + 1) % teams.length;
      // About 12 m a second, the speed of a patrol car in town.
      team.heading += (random() - 0.5) * 0.4;
      const lon = team.position.lon + Math.cos(team.heading) * 0.00014;
      const lat = team.position.lat + Math.sin(team.heading) * 0.00011;
      batch.push({ teamId: team.id, position: { lon, lat, at } });
    }
    // What the SignalR client does with a message: parse the JSON, then our handler applies it.
    const wire = JSON.stringify({ type: 1, target: 'TeamsMoved', arguments: [batch] });
    const t0 = performance.now();
    const message = JSON.parse(wire);
    const t1 = performance.now();
    store.moveTeams(message.arguments[0]);
    const t2 = performance.now();
    parseMs.push(t1 - t0);
    applyMs.push(t2 - t1);
  };
  // Panning as a drag does it: the view is marked as interacting, which lets OpenLayers reuse rendered vectors.
  if (pan) view.beginInteraction();
  const interval = setInterval(tick, 1000 / batchesPerSecond);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(interval);
  measuring = false;
  if (pan) view.endInteraction();
  const elapsed = (performance.now() - started) / 1000;
  const gaps = frameTimes.slice(1).map((t, i) => t - frameTimes[i]);
  const result = {
    teams: teams.length,
    drawnTeams: window.__command.teamCount(),
    seconds: Number(elapsed.toFixed(1)),
    batchesPerSecond,
    updatesPerBatch: perBatch,
    zoom: Number(view.getZoom().toFixed(1)),
    panning: pan,
    framesPerSecond: Number((gaps.length / elapsed).toFixed(1)),
    frameGapMsP95: Number(percentile(gaps, 95).toFixed(1)),
    frameGapMsMax: Number(Math.max(0, ...gaps).toFixed(1)),
    framesOver50Ms: gaps.filter((g) => g > 50).length,
    applyBatchMsMedian: Number(percentile(applyMs, 50).toFixed(2)),
    applyBatchMsMax: Number(Math.max(0, ...applyMs).toFixed(2)),
    parseBatchMsMedian: Number(percentile(parseMs, 50).toFixed(2)),
    mapRenderMsMedian: Number(percentile(renderMs, 50).toFixed(2)),
    mapRenderMsP95: Number(percentile(renderMs, 95).toFixed(2)),
    mapFrames: renderMs.length,
    userAgent: navigator.userAgent,
  };
  window.__bench = Object.freeze({ result });
  const out = document.createElement('pre');
  out.id = 'bench-result';
  out.className = 'bench-result';
  out.textContent = JSON.stringify(result, null, 2);
  document.getElementById('incident-panel').replaceChildren(out);
}

run().catch((e) => {
  window.__bench = Object.freeze({ error: String(e) });
  console.error(e);
});
