// 登录凭据: browser sessions, users' tokens and terminals' tokens that have not expired, revoked ones included (the
// server keeps no secrets, only ids). 吊销 makes one stop working at once.
import { ApiError, get, post } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { credentialKindLabel, dateTime, roleLabel } from '../shared/labels.js';

export function createCredentials(container, { reference, say, onChange }) {
  let credentials = [];
  const kind = h('select', { id: 'credential-kind', attrs: { 'aria-label': '凭据类型' }, onChange: () => render() },
    h('option', { value: '' }, '全部类型'), Object.entries(credentialKindLabel).map(([k, v]) => h('option', { value: k }, v)));
  const showRevoked = h('input', { type: 'checkbox', id: 'credential-revoked', onChange: () => render() });
  const toolbar = h('div', { class: 'toolbar' }, kind, h('label', {}, showRevoked, ' 显示已吊销'),
    h('button', { type: 'button', class: 'small', onClick: () => reload() }, '刷新'));
  const body = h('div');
  replace(container, toolbar, body);

  async function reload() {
    try {
      credentials = await get('/api/credentials');
    } catch (e) {
      say(`读取登录凭据失败：${e.message}`, true);
    }
    render();
  }

  function render() {
    const list = credentials
      .filter((c) => !kind.value || c.kind === kind.value)
      .filter((c) => showRevoked.checked || !c.revokedAt)
      .sort((a, b) => new Date(b.issuedAt) - new Date(a.issuedAt));
    replace(document.getElementById('credential-count'), `有效 ${credentials.filter((c) => !c.revokedAt).length} 个`);
    if (!list.length) {
      replace(body, h('p', { class: 'empty' }, '没有符合条件的凭据'));
      return;
    }
    replace(body, h('div', { class: 'table-scroll tall' }, h('table', { class: 'grid-table', id: 'credential-table' },
      h('thead', {}, h('tr', {}, ['类型', '账号或终端', '角色', '辖区', '说明', '签发', '到期', '状态', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((c) => h('tr', { dataset: { id: c.id, kind: c.kind, team: c.teamId ?? '' }, class: c.revokedAt ? 'inactive' : '' },
        h('td', { class: 'nowrap' }, credentialKindLabel[c.kind] ?? c.kind),
        h('td', { class: 'nowrap' }, c.displayName, h('br'), h('span', { class: 'muted mono' }, c.subject)),
        h('td', { class: 'nowrap' }, roleLabel[c.role] ?? c.role),
        h('td', { class: 'nowrap' }, reference.jurisdictionName(c.jurisdictionId)),
        h('td', { class: 'detail' }, c.label ?? ''),
        h('td', { class: 'nowrap' }, dateTime(c.issuedAt), h('br'), h('span', { class: 'muted' }, c.issuedBy)),
        h('td', { class: 'nowrap' }, dateTime(c.expiresAt)),
        h('td', { class: 'nowrap state-cell' }, c.revokedAt
          ? [h('span', { class: 'state bad' }, '已吊销'), h('br'), h('span', { class: 'muted' }, `${dateTime(c.revokedAt)} ${c.revokedBy ?? ''}`)]
          : h('span', { class: 'state ok' }, '有效')),
        h('td', { class: 'actions' }, c.revokedAt ? null : h('button', {
          type: 'button',
          class: 'danger small revoke',
          onClick: (ev) => revoke(c, ev.currentTarget),
        }, '吊销'))))))));
  }

  async function revoke(c, button) {
    button.disabled = true;
    try {
      await post(`/api/credentials/${encodeURIComponent(c.id)}/revoke`);
      say(`已吊销 ${c.displayName} 的${credentialKindLabel[c.kind] ?? '凭据'}，即时失效`);
      await reload();
      await onChange();
    } catch (e) {
      button.disabled = false;
      say(`吊销失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  }

  return { reload };
}
