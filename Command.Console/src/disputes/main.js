// 矛盾纠纷台账 at /disputes: the ledger of the signed-in user's jurisdiction (逐人、逐案、逐项), the 调处率 table of
// the areas below it, and one dispute at a time with its parties, steps, 对接 and timeline. Who and when on every
// line come from the server's journal; the page only sends what the user typed.
import { get, post } from '../shared/api.js';
import { byId, h, replace } from '../shared/dom.js';
import { showSignedIn } from '../shared/session.js';
import { pageMessage } from '../shared/pageMessage.js';
import { colleagueListId } from '../shared/colleagues.js';
import { refreshSweepDisputes, startSweeps } from './sweeps.js';
import { disputeBodyLabel, disputeCauseLabel, disputePartyRoleLabel } from '../shared/labels.js';

const say = pageMessage(5000);

const CAUSES = disputeCauseLabel;
const LEVELS = { ordinary: '一般', major: '重大' };
const ROLES = disputePartyRoleLabel;
const OUTCOMES = { mediated: '调解成功', failed: '调解不成', transferred: '移交' };
const BODIES = disputeBodyLabel;
const STATES = { open: '调处中', handedOff: '对接中', closed: '已结案' };

const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '');
const person = (actor) => (actor ?? '').replace(/^[^:]*:/, '').replace(/\(.*\)$/, '');
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
const options = (terms) => Object.entries(terms).map(([value, label]) => h('option', { value }, label));

let user = null;
let chosen = null;

function stateTag(d) {
  const overdue = d.state !== 'closed' && d.handoffs.some((x) => x.overdueAt);
  return [h('span', { class: `tag ${d.state}` }, d.state === 'closed' ? OUTCOMES[d.outcome] : STATES[d.state]),
    overdue ? h('span', { class: 'tag overdue' }, '签收逾期') : null];
}

async function loadRates() {
  const rows = await get(`/api/disputes/rates?jurisdiction=${encodeURIComponent(user.jurisdictionId)}`);
  replace(byId('rates'), h('table', { class: 'grid', id: 'rates-table' },
    h('thead', {}, h('tr', {}, ['辖区', '登记', '已结案', '调解成功', '调处率', '调处成功率', '民转刑', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { jurisdiction: r.jurisdictionId } },
      h('td', {}, r.jurisdictionName), h('td', {}, r.registered), h('td', {}, r.closed), h('td', {}, r.mediated),
      h('td', { class: r.resolutionRate !== null && r.resolutionRate < 0.95 ? 'below' : '' }, percent(r.resolutionRate)),
      h('td', { class: r.successRate !== null && r.successRate < 0.95 ? 'below' : '' }, percent(r.successRate)),
      h('td', {}, r.criminalTurns),
      h('td', {}, r.belowTarget ? h('span', { class: 'tag overdue' }, '低于95%') : ''))))));
}

async function loadLedger() {
  const query = new URLSearchParams();
  if (byId('filter-state').value) query.set('state', byId('filter-state').value);
  if (byId('filter-cause').value) query.set('cause', byId('filter-cause').value);
  const list = await get(`/api/disputes${query.size ? `?${query}` : ''}`);
  replace(byId('ledger-count'), `${list.length}起`);
  replace(byId('ledger'), list.length === 0 ? h('p', { class: 'muted' }, '没有符合条件的矛盾纠纷。') : h('table', { class: 'grid', id: 'ledger-table' },
    h('thead', {}, h('tr', {}, ['编号', '类别', '等级', '当事人', '登记时间', '状态'].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((d) => h('tr', {
      class: `clickable${chosen === d.id ? ' chosen' : ''}`, dataset: { id: d.id }, onClick: () => showDetail(d.id),
    }, h('td', { class: 'mono' }, d.number), h('td', {}, CAUSES[d.cause]), h('td', {}, LEVELS[d.level]),
    h('td', {}, d.parties.map((p) => p.name).join('、')), h('td', {}, time(d.registeredAt)), h('td', {}, stateTag(d)))))));
}

async function act(path, body, done) {
  try {
    const d = await post(path, body);
    say(done);
    await Promise.all([loadLedger(), loadRates()]);
    renderDetail(d);
  } catch (e) {
    say(e.message, true);
  }
}

function handoffBox(d, x) {
  const mine = x.receiverUsername === user.username;
  const text = h('input', { type: 'text', placeholder: '调处结果', id: `result-text-${x.number}` });
  return h('div', { class: 'handoff', dataset: { number: x.number } },
    h('div', {}, `第${x.number}次对接 · ${BODIES[x.body]} · 接收人 ${x.receiverName} · ${time(x.at)} 由 ${person(x.by)} 移交`),
    h('div', { class: x.overdueAt ? 'below' : 'muted' },
      x.receivedAt ? `已于 ${time(x.receivedAt)} 签收${x.overdueAt ? '（逾期）' : ''}` : `须于 ${time(x.receiptDueAt)} 前签收${x.overdueAt ? '，已逾期' : ''}`),
    x.resultAt ? h('div', {}, `反馈：${x.success ? '调解成功' : '调解不成'}。${x.resultText}`) : null,
    mine && !x.resultAt && d.state !== 'closed' ? h('div', { class: 'actions' },
      !x.receivedAt ? h('button', { type: 'button', class: 'primary', id: `receipt-${x.number}`,
        onClick: () => act(`/api/disputes/${d.id}/handoffs/${x.number}/receipt`, {}, '已签收') }, '签收') : [
        text,
        h('button', { type: 'button', class: 'primary', onClick: () => act(`/api/disputes/${d.id}/handoffs/${x.number}/result`, { success: true, text: text.value }, '已反馈，纠纷结案') }, '反馈：调解成功'),
        h('button', { type: 'button', onClick: () => act(`/api/disputes/${d.id}/handoffs/${x.number}/result`, { success: false, text: text.value }, '已反馈，纠纷结案') }, '反馈：调解不成'),
      ]) : null);
}

function renderDetail(d) {
  chosen = d.id;
  byId('register').hidden = true;
  byId('detail').hidden = false;
  const open = d.state !== 'closed';
  const step = h('textarea', { rows: 2, id: 'step-text', placeholder: '调处过程，例如“组织双方到村委会面对面调解”' });
  const body = h('select', { id: 'handoff-body' }, options(BODIES));
  const receiver = h('input', { type: 'text', id: 'handoff-receiver', placeholder: '接收人（输入姓名、司法所等选择）', autocomplete: 'off', attrs: { list: colleagueListId() } });
  const outcome = h('select', { id: 'close-outcome' }, options(OUTCOMES));
  const note = h('input', { type: 'text', id: 'close-note', placeholder: '结案说明（可不填）' });
  const criminal = h('input', { type: 'text', id: 'criminal-id', placeholder: '刑事警情编号' });
  const pending = d.handoffs.some((x) => !x.resultAt);
  replace(byId('detail'), h('div', { class: 'detail', id: 'dispute-detail', dataset: { id: d.id } },
    h('dl', {},
      h('dt', {}, '编号'), h('dd', { class: 'mono' }, d.number, ' ', stateTag(d)),
      h('dt', {}, '类别'), h('dd', {}, `${CAUSES[d.cause]} · ${LEVELS[d.level]}`),
      h('dt', {}, '当事人'), h('dd', {}, d.parties.map((p) => `${p.name}（${ROLES[p.role]}${p.phone ? ` ${p.phone}` : ''}）`).join('，')),
      h('dt', {}, '纠纷情况'), h('dd', {}, d.description),
      d.incidentNumber ? [h('dt', {}, '源自警情'), h('dd', { class: 'mono' }, d.incidentNumber)] : null,
      d.criminalLinks.length ? [h('dt', {}, '民转刑'), h('dd', { class: 'below' }, d.criminalLinks.map((l) => l.incidentNumber).join('、'))] : null,
      h('dt', {}, '登记'), h('dd', {}, `${time(d.registeredAt)} ${person(d.registeredBy)}`)),
    d.handoffs.length ? [h('h3', {}, '对接'), d.handoffs.map((x) => handoffBox(d, x))] : null,
    h('h3', {}, '调处记录'),
    h('ul', { class: 'timeline', id: 'timeline' }, d.timeline.map((t) => h('li', {}, h('span', { class: 'when' }, `${time(t.at)} ${t.by === 'system' ? '系统' : person(t.by)}`), t.text))),
    open ? [
      h('div', { class: 'actions' }, step, h('button', { type: 'button', id: 'add-step', onClick: () => act(`/api/disputes/${d.id}/steps`, { text: step.value }, '已记录调处过程') }, '记录调处')),
      pending ? null : h('div', { class: 'actions' }, body, receiver,
        h('button', { type: 'button', id: 'hand-off', onClick: () => act(`/api/disputes/${d.id}/handoffs`, { body: body.value, receiver: receiver.value.trim() }, '已移交，待接收人签收') }, '移交对接')),
      pending ? null : h('div', { class: 'actions' }, outcome, note,
        h('button', { type: 'button', id: 'close', onClick: () => act(`/api/disputes/${d.id}/close`, { outcome: outcome.value, note: note.value }, '已结案') }, '结案')),
    ] : null,
    h('div', { class: 'actions' }, criminal,
      h('button', { type: 'button', onClick: () => act(`/api/disputes/${d.id}/criminal-links`, { incidentId: criminal.value.trim() }, '已关联民转刑警情') }, '关联民转刑'))));
  for (const row of document.querySelectorAll('#ledger-table tr.clickable')) row.classList.toggle('chosen', row.dataset.id === d.id);
}

async function showDetail(id) {
  try {
    renderDetail(await get(`/api/disputes/${encodeURIComponent(id)}`));
  } catch (e) {
    say(e.message, true);
  }
}

function showRegister() {
  const party = () => h('div', { class: 'party' }, h('input', { type: 'text', placeholder: '姓名', class: 'party-name' }),
    h('select', { class: 'party-role' }, options(ROLES)), h('input', { type: 'text', placeholder: '电话（可不填）', class: 'party-phone' }));
  const parties = h('div', { id: 'register-parties' }, party(), party());
  parties.children[1].querySelector('.party-role').value = 'respondent';
  const cause = h('select', { id: 'register-cause' }, options(CAUSES));
  const level = h('select', { id: 'register-level' }, options(LEVELS));
  const description = h('textarea', { rows: 3, id: 'register-description', placeholder: '纠纷起因、经过、诉求' });
  const lon = h('input', { type: 'text', id: 'register-lon', value: '115.45' });
  const lat = h('input', { type: 'text', id: 'register-lat', value: '36.49' });
  const form = byId('register');
  replace(form, h('div', { class: 'form' },
    h('span', {}, '当事人'), h('div', {}, parties, h('button', { type: 'button', class: 'small', onClick: () => parties.append(party()) }, '添加当事人')),
    h('span', {}, '类别'), cause, h('span', {}, '等级'), level, h('span', {}, '纠纷情况'), description,
    h('span', {}, '发生地'), h('div', { class: 'party' }, lon, lat),
    h('span', {}, ''), h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'register-submit', onClick: async () => {
        const list = [...parties.children].map((p) => ({ name: p.querySelector('.party-name').value.trim(), role: p.querySelector('.party-role').value,
          phone: p.querySelector('.party-phone').value.trim() || null })).filter((p) => p.name);
        try {
          const d = await post('/api/disputes', { parties: list, cause: cause.value, level: level.value, description: description.value,
            lon: Number(lon.value), lat: Number(lat.value) });
          say(`已登记 ${d.number}`);
          await Promise.all([loadLedger(), loadRates(), refreshSweepDisputes()]);
          renderDetail(d);
        } catch (e) {
          say(e.message, true);
        }
      } }, '登记'),
      h('button', { type: 'button', onClick: () => { form.hidden = true; byId('detail').hidden = false; } }, '取消'))));
  form.hidden = false;
  byId('detail').hidden = true;
}

async function main() {
  user = await showSignedIn(byId('user-box'));
  byId('filter-cause').append(...options(CAUSES));
  byId('filter-state').addEventListener('change', () => loadLedger().catch((e) => say(e.message, true)));
  byId('filter-cause').addEventListener('change', () => loadLedger().catch((e) => say(e.message, true)));
  byId('show-register').addEventListener('click', showRegister);
  await Promise.all([loadLedger(), loadRates(), startSweeps(user, say)]);
  // For the browser tests: the lists are in.
  window.__disputes = { ready: true };
}

main().catch((e) => say(e.message, true));
