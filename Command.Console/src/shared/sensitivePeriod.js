// 敏感时期: while a city leader's sensitive period is in force every desk shows it, because the golden window's
// milestones are shorter and smaller gatherings count as mass incidents. It is read on start and after every hub
// reconnect, changed by the hub's SensitivePeriodChanged, and hidden on its own at the period's end.
import { get } from './api.js';
import { dateTime } from './labels.js';

export function createSensitiveBanner(before, store) {
  const banner = document.createElement('div');
  banner.id = 'sensitive-period';
  banner.className = 'sensitive-period';
  banner.setAttribute('role', 'status');
  banner.hidden = true;
  before.before(banner);
  let lapse = null;

  async function load() {
    let periods;
    try {
      periods = await get('/api/sensitive-periods');
    } catch {
      return; // the banner is a reminder; the rules themselves are applied by the server
    }
    const now = Date.now();
    const current = periods.find((p) => p.inForce);
    const next = periods.filter((p) => !p.endedAt && new Date(p.from).getTime() > now).sort((a, b) => new Date(a.from) - new Date(b.from))[0];
    clearTimeout(lapse);
    if (current) {
      banner.textContent = `敏感时期：${current.name}（至${dateTime(current.until)}）· 黄金处置时限缩短，聚集人数门槛降低`;
      banner.hidden = false;
      lapse = setTimeout(load, Math.min(new Date(current.until).getTime() - now + 1000, 2 ** 31 - 1));
    } else {
      banner.hidden = true;
      if (next) lapse = setTimeout(load, Math.min(new Date(next.from).getTime() - now + 1000, 2 ** 31 - 1));
    }
  }

  store.on('sensitivePeriod', load);
  store.on('reset', load);
  load();
  return { load };
}
