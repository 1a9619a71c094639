// 巡防终端令牌: issue a team's terminal token. The token is shown once, here, and never again: the server keeps only
// its id, so a lost token is revoked and a new one issued, never looked up.
import { ApiError, post } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { countyOf, dateTime } from '../shared/labels.js';

export function createDeviceTokens(container, { reference, say, onIssued }) {
  const groups = new Map();
  for (const t of reference.teams) {
    const county = countyOf(t.jurisdictionId);
    if (!groups.has(county)) groups.set(county, []);
    groups.get(county).push(t);
  }
  const team = h('select', { id: 'token-team' }, h('option', { value: '' }, '请选择巡防队'),
    [...groups.entries()].map(([county, list]) => h('optgroup', { label: reference.jurisdictionName(county) },
      list.map((t) => h('option', { value: t.id }, t.callsign)))));
  const label = h('input', { type: 'text', id: 'token-label', maxLength: 100, autocomplete: 'off', placeholder: '终端说明，如：车载终端 鲁P·12345' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'issue-token' }, '签发令牌');
  const reveal = h('div', { id: 'token-result' });

  const form = h('form', {
    class: 'inline-form',
    id: 'device-token-form',
    onSubmit: async (ev) => {
      ev.preventDefault();
      if (!team.value) {
        say('请选择巡防队', true);
        return;
      }
      submit.disabled = true;
      try {
        const token = await post(`/api/teams/${encodeURIComponent(team.value)}/device-tokens`, { label: label.value.trim() || null });
        show(token, reference.team(team.value));
        label.value = '';
        await onIssued();
      } catch (e) {
        say(`签发令牌失败：${e instanceof ApiError ? e.message : e}`, true);
      } finally {
        submit.disabled = false;
      }
    },
  }, team, label, submit);

  function show(token, forTeam) {
    const value = h('input', { type: 'text', readOnly: true, id: 'token-value', value: token.accessToken, attrs: { 'aria-label': '终端令牌' }, onFocus: (e) => e.currentTarget.select() });
    const copy = h('button', {
      type: 'button',
      class: 'small',
      id: 'copy-token',
      onClick: async () => {
        value.select();
        try {
          await navigator.clipboard.writeText(token.accessToken);
          say('令牌已复制到剪贴板');
        } catch {
          // No clipboard API outside a secure context: the text is selected, Ctrl+C copies it.
          say('请按 Ctrl+C 复制已选中的令牌');
        }
      },
    }, '复制');
    // The phone opens this link and lands on /patrol as the team's terminal; the token rides in the fragment, which
    // the browser never sends to the server.
    const linkText = `${location.origin}/terminal#token=${encodeURIComponent(token.accessToken)}`;
    const link = h('input', { type: 'text', readOnly: true, id: 'terminal-link', value: linkText, attrs: { 'aria-label': '终端链接' }, onFocus: (e) => e.currentTarget.select() });
    const copyLink = h('button', {
      type: 'button',
      class: 'small',
      id: 'copy-terminal-link',
      onClick: async () => {
        link.select();
        try {
          await navigator.clipboard.writeText(linkText);
          say('终端链接已复制到剪贴板');
        } catch {
          say('请按 Ctrl+C 复制已选中的终端链接');
        }
      },
    }, '复制链接');
    replace(reveal, h('div', { class: 'token-reveal', role: 'alert' },
      h('p', {}, h('strong', {}, `${forTeam?.callsign ?? token.teamId} 的终端令牌`), `（编号 ${token.tokenId}，有效期至 ${dateTime(token.expiresAt)}）`),
      h('p', { class: 'warning' }, '请立即复制并配置到终端：此令牌只显示这一次，离开或刷新本页后无法再查看。'),
      h('div', { class: 'token-row' }, value, copy),
      h('p', {}, '终端链接：在本队手机的浏览器中打开，即以本队终端身份进入巡防终端页面，无需登录。'),
      h('div', { class: 'token-row' }, link, copyLink),
      h('p', { class: 'muted' }, '终端以 Authorization: Bearer <令牌> 上报本队位置和状态。')));
    value.focus();
  }

  replace(container, form, reveal);
}
