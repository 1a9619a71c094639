// The signed-in user in a page's header: name, role and jurisdiction, and 退出. Every page shows who is acting,
// since every change is written on the record in that person's name.
import { me, signOut } from './api.js';
import { h, replace } from './dom.js';

/** Fills the header's user box and resolves to the signed-in user (GET /api/auth/me). */
export async function showSignedIn(container) {
  const user = await me();
  const button = h('button', {
    type: 'button',
    id: 'sign-out',
    class: 'small sign-out',
    title: '退出登录（本浏览器的登录即时失效）',
    onClick: () => {
      button.disabled = true;
      signOut();
    },
  }, '退出');
  replace(container,
    h('span', { class: 'user-name', id: 'user-name' }, user.displayName),
    h('span', { class: 'user-role', id: 'user-role' }, user.roleLabel),
    h('span', { class: 'user-jurisdiction', id: 'user-jurisdiction' }, user.jurisdictionName),
    button);
  container.title = `${user.displayName}（${user.username}）· ${user.roleLabel} · ${user.jurisdictionName}`;
  return user;
}
