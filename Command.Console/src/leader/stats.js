// Today's headline figures, counted in the browser from GET /api/incidents and the incidents' details (the summaries
// carry no dispatch or arrival times). The list comes newest first, a page at a time: paging stops at the first page
// that reaches back before today. "Today" is the China calendar day (Asia/Shanghai), whatever the desk's clock
// zone. Details are cached by version, so a recount fetches only what changed.
import { get, getAll } from '../shared/api.js';

const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function chinaDate(at) {
  return chinaDay.format(at instanceof Date ? at : new Date(at));
}

export function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function mapLimited(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

export async function computeStats(cache) {
  const today = chinaDate(new Date());
  const all = await getAll('/api/incidents', (page) => chinaDate(page[page.length - 1].receivedAt) === today);
  const todays = all.filter((s) => chinaDate(s.receivedAt) === today);
  const stale = todays.filter((s) => cache.get(s.id)?.version !== s.version);
  await mapLimited(stale, 4, async (s) => {
    try {
      cache.set(s.id, await get(`/api/incidents/${encodeURIComponent(s.id)}`));
    } catch {
      // Counted without its times; the next recount tries again.
    }
  });
  const ids = new Set(todays.map((s) => s.id));
  for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);

  const byChannel = { 110: 0, 119: 0, 120: 0, 122: 0 };
  let mass = 0;
  let breaches = 0;
  const dispatch = [];
  const arrival = [];
  for (const s of todays) {
    byChannel[s.channel] = (byChannel[s.channel] ?? 0) + 1;
    const d = cache.get(s.id);
    if (s.isMassIncident || d?.isMassIncident) mass++;
    if (!d) continue;
    const received = new Date(d.receivedAt).getTime();
    if (d.dispatchedAt) dispatch.push(new Date(d.dispatchedAt).getTime() - received);
    if (d.onSceneAt) arrival.push(new Date(d.onSceneAt).getTime() - received);
    // A milestone met late was breached first: the breach stays on the record.
    for (const m of d.milestones ?? []) {
      if (m.state === 'breached' || (m.state === 'met' && m.metAt && new Date(m.metAt) > new Date(m.dueAt))) breaches++;
    }
  }
  return {
    date: today,
    total: todays.length,
    byChannel,
    mass,
    breaches,
    medianDispatchMs: median(dispatch),
    medianArrivalMs: median(arrival),
    dispatchedCount: dispatch.length,
    arrivedCount: arrival.length,
  };
}
