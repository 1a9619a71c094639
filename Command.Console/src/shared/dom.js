// Building DOM without innerHTML: every piece of text goes through a text node, so a description such as
// <img src=x onerror=alert(1)> is shown as typed and never parsed as markup.

/**
 * Creates an element. props: class, title, type, value, disabled, checked, dataset {...}, style {...}, attrs {...} and
 * on<Event> handlers; children are nodes or strings (strings become text nodes), null/false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // Styles go through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
    else if (key === 'style') for (const [p, v] of Object.entries(value)) el.style.setProperty(p, v);
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) el.setAttribute(a, v);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content with the given children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * replace() for content that holds a text box someone may be typing in: a re-render from a push must not take the
 * caret away, or whatever is typed next goes nowhere. The focused field is found again in the new content by its
 * data-focus-key and gets back focus and selection; its value is the caller's to restore (from a draft).
 */
export function replaceKeepingFocus(el, ...children) {
  const active = document.activeElement;
  const key = active && el.contains(active) ? active.dataset?.focusKey : undefined;
  const selection = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  replace(el, ...children);
  if (!key) return el;
  const again = [...el.querySelectorAll('[data-focus-key]')].find((node) => node.dataset.focusKey === key);
  if (again) {
    again.focus();
    if (selection) again.setSelectionRange(...selection);
  }
  return el;
}

/** Finds a required element by id; a missing one is a page defect worth failing loudly on. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`页面缺少元素 #${id}`);
  return el;
}
