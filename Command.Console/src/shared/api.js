// The one place that talks HTTP to the silo. Every change names its actor (X-Actor, percent-encoded UTF-8) for the
// timeline; every error answer is problem+json, whose `detail` is shown to the user as it is.

let currentActor = '值班员';

export function setActor(name) {
  currentActor = name && name.trim() ? name.trim().slice(0, 64) : '值班员';
}

export function actor() {
  return currentActor;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json', 'X-Actor': encodeURIComponent(currentActor) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, `无法连接指挥系统服务器（${e.message}）`);
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
  if (response.status === 202 || response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
