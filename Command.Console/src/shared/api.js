// The one place that talks HTTP to the silo. The server knows who is signed in from the session cookie and writes
// that person on the timeline; a page only proves that a change comes from its own script by sending the session's
// anti-forgery token (X-CSRF-TOKEN) with every non-GET request. Every error answer is problem+json, whose `detail`
// is shown to the user as it is. A 401 means the session is gone (signed out elsewhere, revoked, expired): the page
// goes to the sign-in form, which brings the user back here afterwards.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

let leaving = false;

/** Goes to the sign-in page, which returns to this page (path and query) once signed in. */
export function goToLogin() {
  if (leaving) return;
  leaving = true;
  location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
}

let session = null;

/**
 * Who is signed in: GET /api/auth/me, fetched once per page ({ username, displayName, role, roleLabel, jurisdictionId,
 * jurisdictionName, teamId, home, antiforgeryToken, ... }). A failed fetch (the silo restarting, say) is tried
 * again on the next call rather than remembered.
 */
export function me() {
  if (!session) {
    session = send('GET', '/api/auth/me').catch((e) => {
      session = null;
      throw e;
    });
  }
  return session;
}

/** Signs out (the session stops working at once on the server) and goes to the sign-in page. */
export async function signOut() {
  try {
    await post('/api/auth/signout');
  } finally {
    leaving = true;
    location.assign('/login');
  }
}

export async function request(method, path, body) {
  const headers = {};
  if (method !== 'GET' && method !== 'HEAD') {
    const token = (await me()).antiforgeryToken;
    if (token) headers['X-CSRF-TOKEN'] = token;
  }
  return send(method, path, body, headers);
}

async function send(method, path, body, headers = {}, withResponse = false) {
  headers.Accept = 'application/json';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, `无法连接指挥系统服务器（${e.message}）`);
  }
  if (response.status === 401) {
    goToLogin();
    throw new ApiError(401, '登录已失效，正在转到登录页…');
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch {
      // Not problem+json (a proxy's error page, say): the status line is all there is to show.
    }
    throw new ApiError(response.status, detail);
  }
  if (response.status === 202 || response.status === 204) return withResponse ? { data: null, response } : null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return withResponse ? { data, response } : data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});

/** The address of the next page a paged answer names in its Link header (rel="next"), or null on the last page. */
export function nextPage(link) {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(match[2])) {
      const url = new URL(match[1], location.href);
      // Only ever this server: the session's requests go nowhere else.
      return url.origin === location.origin ? url.pathname + url.search : null;
    }
  }
  return null;
}

/**
 * Every page of a paged list (GET /api/incidents answers a page at a time, newest first): follows the Link header
 * until a page names no next one, or until `more(page)` says the rest is not wanted.
 */
export async function getAll(path, more = () => true) {
  const items = [];
  for (let next = path; next;) {
    const { data, response } = await send('GET', next, undefined, {}, true);
    const page = data ?? [];
    items.push(...page);
    next = page.length && more(page) ? nextPage(response.headers.get('Link')) : null;
  }
  return items;
}
