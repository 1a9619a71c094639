// The one place that talks HTTP to the silo. The server knows who is signed in from the session cookie and writes
// that person on the timeline; a page only proves that a change comes from its own script by sending the session's
// anti-forgery token (X-CSRF-TOKEN) with every non-GET request. Every error answer is problem+json, whose `detail`
// is shown to the user as it is. A 401 means the session is gone (signed out elsewhere, revoked, expired): the page
// goes to the sign-in form, which brings the user back here afterwards.

export class ApiError extends Error {
  /** `problem` is the whole problem+json answer, when there was one: its `nextStep` says what the page can offer next. */
  constructor(status, detail, problem = null) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

/** What a page shows when an answer is not problem+json (a proxy's error page, say): Chinese, never a status text. */
function statusDetail(status) {
  if (status === 403) return '没有权限进行此操作，请联系管理员。';
  if (status === 404) return '要找的内容不存在或已被删除，请刷新页面后重试。';
  if (status === 409) return '情况已经变化，此操作未执行，请刷新页面后重试。';
  if (status === 413) return '提交的内容太大，请删减后重试。';
  if (status === 429) return '操作太频繁，请稍后再试。';
  if (status >= 500) return `指挥系统服务器暂时无法处理（错误 ${status}），请稍后重试；仍不行请联系系统管理员。`;
  return `请求未被接受（错误 ${status}），请检查填写的内容后重试。`;
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
  } catch {
    // The browser's own reason ("Failed to fetch", "NetworkError when…") is English and says nothing more.
    throw new ApiError(0, '无法连接指挥系统服务器，请检查网络后重试');
  }
  if (response.status === 401) {
    goToLogin();
    throw new ApiError(401, '登录已失效，正在转到登录页…');
  }
  if (!response.ok) {
    let detail = statusDetail(response.status);
    let problem = null;
    try {
      problem = await response.json();
      detail = problem.detail || detail;
    } catch {
      // Not problem+json (a proxy's error page, say): its status line is English, so the page says it in Chinese.
    }
    throw new ApiError(response.status, detail, problem);
  }
  if (response.status === 202 || response.status === 204) return withResponse ? { data: null, response } : null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return withResponse ? { data, response } : data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const put = (path, body) => request('PUT', path, body ?? {});

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
