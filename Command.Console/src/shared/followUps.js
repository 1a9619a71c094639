// 跟踪督办 (事后跟踪督办落实, 件件有回音): the items on a case, or the signed-in person's own and their jurisdiction's.
// Whoever may open one (a duty officer or leader of the case's jurisdiction) gets a form; the owner gets 反馈; the one
// who opened it gets 销号 once the owner has reported back. The server decides; the buttons only spare refusals.
import { ApiError, get, post } from './api.js';
import { h, replace } from './dom.js';
import { dateTime, personName } from './labels.js';
import { colleagueListId } from './colleagues.js';

const stateLabel = { open: '待反馈', replied: '已反馈，待销号', closed: '已销号' };

function stateOf(item) {
  if (item.closedAt) return stateLabel.closed;
  return `${item.overdueAt ? '逾期 · ' : ''}${stateLabel[item.state] ?? item.state}`;
}

/**
 * container: where the list goes. incident: {id, number} to show and open items on one case, or null for the items of
 * the signed-in person (mine) and of their jurisdiction. me: /api/auth/me. say: the page's message line.
 */
export function createFollowUps(container, { incident = null, me, say }) {
  let items = [];
  let replying = null;

  async function reload() {
    try {
      items = incident
        ? await get(`/api/follow-ups?incidentId=${encodeURIComponent(incident.id)}`)
        : await get('/api/follow-ups?state=open');
      render();
    } catch (e) {
      say(`读取督办事项失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  }

  async function act(what, call) {
    try {
      await call();
      say(what);
      replying = null;
      await reload();
    } catch (e) {
      say(`${what.replace(/^已/, '')}失败：${e instanceof ApiError ? e.message : e}`, true);
    }
  }

  function openForm() {
    const task = h('textarea', { class: 'follow-up-task', rows: 2, maxLength: 500, placeholder: '督办事项，如：三日内查清纠纷起因并组织调解' });
    const owner = h('input', { type: 'text', class: 'follow-up-owner', maxLength: 64, placeholder: '责任人（输入姓名或用户名选择）', autocomplete: 'off', attrs: { list: colleagueListId() } });
    const due = h('input', { type: 'datetime-local', class: 'follow-up-due', attrs: { 'aria-label': '办结时限（北京时间）' } });
    return h('form', { class: 'follow-up-form', onsubmit: (ev) => {
      ev.preventDefault();
      if (!task.value.trim() || !owner.value.trim() || !due.value) {
        say('请填写督办事项、责任人和办结时限', true);
        return;
      }
      act('已交办督办事项', () => post(`/api/incidents/${encodeURIComponent(incident.id)}/follow-ups`,
        { task: task.value.trim(), owner: owner.value.trim(), dueAt: `${due.value}:00+08:00` }));
    } }, task, h('div', { class: 'form-row' }, owner, due, h('button', { type: 'submit', class: 'small primary open-follow-up' }, '交办')));
  }

  function row(item) {
    const mine = me?.username === item.ownerUsername;
    const opener = me?.username === item.openerUsername;
    const buttons = [];
    if (!item.closedAt && mine) buttons.push(h('button', { type: 'button', class: 'small reply-follow-up', onclick: () => { replying = item.id; render(); } }, '反馈'));
    if (!item.closedAt && opener && item.replies.length) {
      buttons.push(h('button', { type: 'button', class: 'small close-follow-up', onclick: () => act('已销号', () => post(`/api/follow-ups/${encodeURIComponent(item.id)}/close`, {})) }, '销号'));
    }
    let replyForm = null;
    if (replying === item.id) {
      const text = h('textarea', { class: 'follow-up-reply', rows: 2, maxLength: 2000, placeholder: '办理情况' });
      replyForm = h('form', { class: 'follow-up-reply-form', onsubmit: (ev) => {
        ev.preventDefault();
        if (!text.value.trim()) {
          say('请填写办理情况', true);
          return;
        }
        act('已反馈', () => post(`/api/follow-ups/${encodeURIComponent(item.id)}/replies`, { text: text.value.trim() }));
      } }, text, h('button', { type: 'submit', class: 'small primary' }, '提交反馈'));
    }
    return h('li', { class: `follow-up ${item.overdueAt && !item.closedAt ? 'overdue' : ''} state-${item.state}`, dataset: { id: item.id } },
      h('div', { class: 'follow-up-head' },
        incident ? null : h('span', { class: 'mono' }, `${item.incidentNumber} `),
        h('strong', {}, item.task)),
      h('div', { class: 'follow-up-meta' },
        `责任人 ${item.ownerName} · 时限 ${dateTime(item.dueAt)} · ${personName(item.openedBy)}交办 · `,
        h('span', { class: 'follow-up-state' }, stateOf(item))),
      item.replies.length ? h('ul', { class: 'follow-up-replies' }, item.replies.map((r) => h('li', {}, `${dateTime(r.at)} ${personName(r.by)}：${r.text}`))) : null,
      item.closedAt ? h('div', { class: 'follow-up-meta' }, `${dateTime(item.closedAt)} ${personName(item.closedBy)}销号${item.closeNote ? `：${item.closeNote}` : ''}`) : null,
      buttons.length ? h('div', { class: 'follow-up-actions' }, buttons) : null,
      replyForm);
  }

  function render() {
    const mayOpen = incident && (me?.role === 'dutyOfficer' || me?.role === 'leader');
    replace(container,
      items.length ? h('ul', { class: 'follow-up-list' }, items.map(row)) : h('p', { class: 'empty' }, incident ? '尚无督办事项' : '暂无未销号的督办事项'),
      mayOpen ? openForm() : null);
  }

  render();
  reload();
  return { reload };
}
