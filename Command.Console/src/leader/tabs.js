// The leader's page has three views: 态势督办 (the live situation), 统计考核 and 轨迹回放. A view is built the first time
// it is opened (the charts and the replay fetch a lot, and most visits are for the live cards), and told each time.
import { byId } from '../shared/dom.js';

const views = new Map(); // tab name → { open(el) }

/** Registers what a tab shows; open(el) runs on every visit, with the tab's section. */
export function registerView(name, open) {
  views.set(name, { open });
}

export function startTabs() {
  const buttons = [...document.querySelectorAll('.leader-tabs [role=tab]')];
  const show = (name) => {
    for (const b of buttons) {
      const on = b.dataset.tab === name;
      b.setAttribute('aria-selected', String(on));
      byId(b.dataset.tab).hidden = !on;
    }
    const view = views.get(name);
    view?.open(byId(name));
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab));
  return { show };
}
