// The terminal link's landing page (/terminal#token=…). The token sits in the fragment, so the browser never sends it
// to the server, its logs or a Referer; it is taken out of the address bar at once, traded once for the usual
// session cookie (POST /api/auth/terminal-session), and the page moves on to /patrol. The token is not kept here:
// the cookie carries the same credential, so revoking the token ends this phone's session too.
const message = document.getElementById('terminal-message');

function say(text, error) {
  message.textContent = text;
  message.classList.toggle('error', error);
  message.classList.toggle('info', !error);
}

/** The token from `#token=…` (also a bare `#…`), or null. */
function tokenFromFragment() {
  const fragment = location.hash.replace(/^#/, '');
  if (!fragment) return null;
  const params = new URLSearchParams(fragment);
  const token = params.get('token') ?? (fragment.includes('=') ? null : decodeURIComponent(fragment));
  return token && token.trim() ? token.trim() : null;
}

async function open() {
  const token = tokenFromFragment();
  // Out of the address bar and the history before anything else, so it is neither shown nor bookmarked.
  history.replaceState(null, '', location.pathname);
  if (!token) {
    say('这个链接里没有终端令牌。请使用值班员或管理员发放的完整终端链接。', true);
    return;
  }
  let response;
  try {
    response = await fetch('/api/auth/terminal-session', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    say('连不上指挥系统，请检查手机网络后重新打开终端链接。', true);
    return;
  }
  if (response.ok) {
    const session = await response.json().catch(() => ({}));
    say(`已核验：${session.callsign ?? '本队'}，正在打开本队页面…`, false);
    location.replace(session.home || '/patrol');
    return;
  }
  let detail = null;
  try {
    detail = (await response.json()).detail;
  } catch {
    // not problem+json (a proxy's page): the sentence below
  }
  say(detail || (response.status === 429 ? '尝试太频繁，请一分钟后再打开终端链接。' : '终端令牌未被接受，请联系值班员或管理员重新发放终端链接。'), true);
}

open();
