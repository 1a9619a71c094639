// One timer for every running clock on a page: elements with data-since show the time elapsed since then,
// elements with data-due the time left (or overdue) until then. Panels only set the attributes.
import { clockSpan, duration } from './labels.js';

export function startTicker(root = document) {
  const tick = () => {
    const now = Date.now();
    for (const el of root.querySelectorAll('[data-since]')) {
      el.textContent = duration(now - new Date(el.dataset.since).getTime());
    }
    for (const el of root.querySelectorAll('[data-due]')) {
      const left = new Date(el.dataset.due).getTime() - now;
      el.textContent = left >= 0 ? `剩余 ${clockSpan(left)}` : `超时 ${clockSpan(-left)}`;
      el.classList.toggle('overdue', left < 0);
      warn(el, now, left);
    }
  };
  tick();
  return setInterval(tick, 1000);
}

/** An element that counts up from `since`; the ticker keeps it current. */
export function sinceText(since, tag = 'span') {
  const el = document.createElement(tag);
  el.dataset.since = since;
  el.className = 'since';
  el.textContent = duration(Date.now() - new Date(since).getTime());
  return el;
}

/** Amber from the rules' warning time (data-warn, the milestone's warnAt) until the breach, which is red. */
function warn(el, now, left) {
  const at = el.dataset.warn ? new Date(el.dataset.warn).getTime() : NaN;
  el.classList.toggle('warning', left >= 0 && now >= at);
}

export function dueText(due, tag = 'span', warnAt = null) {
  const el = document.createElement(tag);
  el.dataset.due = due;
  if (warnAt) el.dataset.warn = warnAt;
  el.className = 'due';
  const left = new Date(due).getTime() - Date.now();
  el.textContent = left >= 0 ? `剩余 ${clockSpan(left)}` : `超时 ${clockSpan(-left)}`;
  el.classList.toggle('overdue', left < 0);
  warn(el, Date.now(), left);
  return el;
}
