// 用户账号: the accounts within the administrator's jurisdiction, 停用/启用 and 重置密码 on each, and a form to open
// a new one. Disabling an account or resetting its password revokes its sessions and tokens at once (server side).
import { ApiError, get, post } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { accountRoles, dateTime, isWithin, roleLabel } from '../shared/labels.js';

// Access:PasswordMinLength's default; the server checks the rest (common passwords, the username) and says why.
const minPassword = 10;

/** The server words its refusals of a password in Chinese itself (Command.Silo/Access/PasswordPolicy.cs). */
function problemText(e) {
  return e instanceof ApiError ? e.message : String(e);
}

export function createUsers(container, formContainer, { user, reference, say, onChange }) {
  let users = [];
  let resetting = null; // { username, input, busy }

  async function reload() {
    try {
      users = await get('/api/users');
    } catch (e) {
      say(`读取账号失败：${e.message}`, true);
    }
    render();
  }

  function render() {
    replace(document.getElementById('user-count'), `${users.length} 个`);
    if (!users.length) {
      replace(container, h('p', { class: 'empty' }, '暂无账号'));
      return;
    }
    const sorted = [...users].sort((a, b) => a.jurisdictionId.localeCompare(b.jurisdictionId) || a.username.localeCompare(b.username));
    replace(container, h('div', { class: 'table-scroll tall' }, h('table', { class: 'grid-table', id: 'user-table' },
      h('thead', {}, h('tr', {}, ['用户名', '姓名', '角色', '辖区', '巡防队', '状态', '创建', '密码修改', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, sorted.map((u) => [row(u), resetting?.username === u.username ? resetRow(u) : null])))));
  }

  function row(u) {
    const self = u.username === user.username;
    return h('tr', { dataset: { username: u.username }, class: u.disabled ? 'disabled' : '' },
      h('td', { class: 'mono nowrap' }, u.username),
      h('td', { class: 'nowrap' }, u.displayName, self ? h('span', { class: 'muted' }, '（本人）') : null),
      h('td', { class: 'nowrap' }, roleLabel[u.role] ?? u.role),
      h('td', { class: 'nowrap' }, reference.jurisdictionName(u.jurisdictionId)),
      h('td', { class: 'nowrap' }, u.teamId ? reference.team(u.teamId)?.callsign ?? u.teamId : '—'),
      h('td', {}, u.disabled ? h('span', { class: 'state off' }, '已停用') : h('span', { class: 'state ok' }, '正常')),
      h('td', { class: 'nowrap' }, dateTime(u.createdAt), h('br'), h('span', { class: 'muted' }, u.createdBy)),
      h('td', { class: 'nowrap' }, u.passwordChangedAt ? dateTime(u.passwordChangedAt) : '—'),
      h('td', { class: 'actions' },
        // An administrator cannot lock themselves out (the server refuses it too).
        self ? null : h('button', {
          type: 'button',
          class: `small ${u.disabled ? 'enable' : 'danger disable'}`,
          onClick: (ev) => setDisabled(u, !u.disabled, ev.currentTarget),
        }, u.disabled ? '启用' : '停用'),
        h('button', {
          type: 'button',
          class: 'small reset-password',
          onClick: () => {
            resetting = resetting?.username === u.username ? null
              : { username: u.username, input: h('input', { type: 'password', maxLength: 128, class: 'new-password', placeholder: `新密码（至少 ${minPassword} 位）`, autocomplete: 'new-password' }), busy: false };
            render();
            resetting?.input.focus();
          },
        }, '重置密码')));
  }

  function resetRow(u) {
    const state = resetting;
    return h('tr', { class: 'inline-row', dataset: { for: u.username } }, h('td', { attrs: { colspan: '9' } },
      h('form', {
        class: 'inline-form reset-form',
        onSubmit: async (ev) => {
          ev.preventDefault();
          const password = state.input.value;
          if (password.length < minPassword) {
            say(`新密码至少 ${minPassword} 位`, true);
            state.input.focus();
            return;
          }
          state.busy = true;
          render();
          try {
            await post(`/api/users/${encodeURIComponent(u.username)}/password`, { password });
            if (resetting === state) resetting = null;
            say(`已重置 ${u.displayName}（${u.username}）的密码，其登录和令牌已全部失效`);
            await reload();
            await onChange();
          } catch (e) {
            state.busy = false;
            render();
            say(`重置密码失败：${problemText(e)}`, true);
          }
        },
      },
      h('strong', {}, `重置 ${u.displayName}（${u.username}）的密码`),
      state.input,
      h('button', { type: 'submit', class: 'primary small', disabled: state.busy }, '确认重置'),
      h('button', { type: 'button', class: 'small', onClick: () => { resetting = null; render(); } }, '取消'),
      h('span', { class: 'muted' }, '重置后该用户所有登录即时失效'))));
  }

  async function setDisabled(u, disabled, button) {
    button.disabled = true;
    try {
      await post(`/api/users/${encodeURIComponent(u.username)}/${disabled ? 'disable' : 'enable'}`);
      say(disabled ? `已停用 ${u.displayName}（${u.username}），其登录和令牌已全部失效` : `已启用 ${u.displayName}（${u.username}）`);
      await reload();
      await onChange();
    } catch (e) {
      button.disabled = false;
      say(`${disabled ? '停用' : '启用'}失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  }

  createForm(formContainer, { reference, say, onCreated: async () => { await reload(); await onChange(); } });
  reload();
  return { reload };
}

function createForm(container, { reference, say, onCreated }) {
  const field = (label, input, extra) => h('label', { class: `field${extra ? ` ${extra}` : ''}` }, h('span', { class: 'label' }, label), input);
  const username = h('input', { type: 'text', id: 'new-username', maxLength: 32, autocomplete: 'off', spellcheck: false, placeholder: '如 gx.duty2' });
  const displayName = h('input', { type: 'text', id: 'new-display-name', maxLength: 32, autocomplete: 'off', placeholder: '真实姓名' });
  const role = h('select', { id: 'new-role' }, accountRoles.map((r) => h('option', { value: r }, roleLabel[r])));
  const jurisdiction = h('select', { id: 'new-jurisdiction' }, reference.jurisdictions.map((j) => h('option', { value: j.id }, j.name)));
  const team = h('select', { id: 'new-team' });
  const teamField = field('巡防队（巡防队长必选）', team);
  const password = h('input', { type: 'password', id: 'new-password', maxLength: 128, autocomplete: 'new-password', placeholder: `至少 ${minPassword} 位` });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'create-user-submit' }, '创建账号');

  // A patrol leader is bound to a team of the chosen jurisdiction; no other role has a team.
  const fillTeams = () => {
    const chosen = reference.jurisdictions.find((j) => j.id === jurisdiction.value);
    const within = reference.teams.filter((t) => isWithin(chosen, t.jurisdictionId));
    replace(team, h('option', { value: '' }, '请选择'), within.map((t) => h('option', { value: t.id }, t.callsign)));
    teamField.hidden = role.value !== 'patrolLeader';
  };
  role.addEventListener('change', fillTeams);
  jurisdiction.addEventListener('change', fillTeams);
  fillTeams();

  const form = h('form', {
    id: 'create-user-form',
    autocomplete: 'off',
    onSubmit: async (ev) => {
      ev.preventDefault();
      const body = {
        username: username.value.trim().toLowerCase(),
        displayName: displayName.value.trim(),
        role: role.value,
        jurisdictionId: jurisdiction.value,
        teamId: role.value === 'patrolLeader' ? team.value || null : null,
        password: password.value,
      };
      const problem = !body.username ? '请填写用户名' : !body.displayName ? '请填写姓名'
        : body.role === 'patrolLeader' && !body.teamId ? '巡防队长须选择所属巡防队'
          : body.password.length < minPassword ? `密码至少 ${minPassword} 位` : null;
      if (problem) {
        say(problem, true);
        return;
      }
      submit.disabled = true;
      try {
        const created = await post('/api/users', body);
        say(`已创建账号 ${created.username}（${created.displayName}，${roleLabel[created.role] ?? created.role}）`);
        for (const input of [username, displayName, password]) input.value = '';
        await onCreated();
      } catch (e) {
        say(`创建账号失败：${problemText(e)}`, true);
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('div', { class: 'form-grid' },
    field('用户名', username), field('姓名', displayName), field('角色', role), field('辖区', jurisdiction), teamField, field('初始密码', password)),
  h('div', { class: 'form-actions' }, submit, h('span', { class: 'muted' }, '用户名为 3–32 位小写字母、数字、点、下划线或连字符；请将初始密码当面告知本人。')));
  replace(container, form);
}
