// A short message at the bottom of the page that hides itself: what a click did, or why it failed. Errors stay longer,
// because they are read and acted on.
import { byId, replace } from './dom.js';

/** Returns say(text, error) for the page's #page-message; a success stays okMs, an error 12 s. */
export function pageMessage(okMs) {
  const el = byId('page-message');
  let timer = null;
  return (text, error = false) => {
    replace(el, text);
    el.hidden = false;
    el.classList.toggle('error', error);
    clearTimeout(timer);
    timer = setTimeout(() => { el.hidden = true; }, error ? 12000 : okMs);
  };
}
