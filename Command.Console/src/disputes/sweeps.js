// 排查与零报告 on /disputes: one row per township or village below the signed-in user's jurisdiction (its state this
// period and the time left until it is due), the user's own report form (a 零报告 when nothing was found), and the
// history of one row. A SweepChanged push from the hub (a report, or a period ending unreported) refreshes the table.
import { get, post } from '../shared/api.js';
import { byId, h, replace } from '../shared/dom.js';
import { connectHub } from '../shared/hub.js';
import { disputeCauseLabel } from '../shared/labels.js';

const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '');
const person = (actor) => (actor ?? '').replace(/^[^:]*:/, '').replace(/\(.*\)$/, '');

let user = null;
let say = () => {};
let rows = [];
let shown = null;
// Numbers of the ledger's disputes by id, so a report's links read as 台账编号 rather than ids.
const numbers = new Map();
// The open report form's parts, so a dispute registered meanwhile joins its picker without losing what was typed.
let form = null;
const tickedIds = () => [...form.linked.querySelectorAll('input:checked')].map((b) => b.value);

function countdown(dueAt) {
  const ms = new Date(dueAt).getTime() - Date.now();
  if (ms <= 0) return '已到期';
  const days = Math.floor(ms / 86400000);
  const hours = Math.floor((ms % 86400000) / 3600000);
  const minutes = Math.floor((ms % 3600000) / 60000);
  return days > 0 ? `剩${days}天${hours}小时` : `剩${hours}小时${minutes}分`;
}

function reportText(r) {
  if (!r) return '—';
  return `${time(r.at)} ${person(r.by)}：${r.nil ? '零报告' : `发现${r.found}起`}${r.late ? '（迟报）' : ''}`;
}

function renderTable() {
  const target = byId('sweeps');
  if (rows.length === 0) {
    replace(target, h('p', { class: 'muted' }, '本辖区下没有需要报送排查情况的乡镇或村（社区）。'));
    return;
  }
  replace(target, h('table', { class: 'grid', id: 'sweeps-table' },
    h('thead', {}, h('tr', {}, ['辖区', '周期', '本期', '截止', '状态', '最近一次报送', '累计逾期'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {
      class: `clickable${shown === r.jurisdictionId ? ' chosen' : ''}`, dataset: { jurisdiction: r.jurisdictionId, state: r.state },
      onClick: () => showHistory(r.jurisdictionId),
    }, h('td', {}, r.name), h('td', {}, r.level === 'township' ? `每${r.periodDays}天（半月）` : `每${r.periodDays}天（周）`),
    h('td', {}, `${time(r.periodStart)} 起`), h('td', {}, h('span', {}, time(r.dueAt)), ' ', h('span', { class: 'countdown muted', dataset: { due: r.dueAt } }, countdown(r.dueAt))),
    h('td', {}, h('span', { class: `tag sweep-${r.state}` }, r.stateText)), h('td', {}, reportText(r.lastReport)),
    h('td', { class: r.overdueCount > 0 ? 'below' : '' }, r.overdueCount))))));
}

async function loadTable() {
  rows = await get(`/api/sweeps?jurisdictionId=${encodeURIComponent(user.jurisdictionId)}`);
  replace(byId('sweeps-count'), `${rows.length}个`);
  renderTable();
}

async function showHistory(id) {
  shown = id;
  renderTable();
  const history = await get(`/api/jurisdictions/${encodeURIComponent(id)}/sweeps`);
  if (history.periods.some((p) => p.report?.disputeIds?.some((d) => !numbers.has(d)))) {
    (await get(`/api/disputes?jurisdictionId=${encodeURIComponent(id)}`)).forEach((d) => numbers.set(d.id, d.number));
  }
  replace(byId('sweep-history'), h('h3', {}, `${history.status.name} 报送记录`),
    history.periods.length === 0 ? h('p', { class: 'muted' }, '还没有报送或逾期记录。') : h('ul', { class: 'timeline', id: 'sweep-history-list' },
      history.periods.map((p) => h('li', { dataset: { start: p.start } },
        h('span', { class: 'when' }, `${time(p.start)} 至 ${time(p.dueAt)}`), ' ',
        p.report ? h('span', { class: `tag ${p.report.late ? 'sweep-late' : p.report.nil ? 'sweep-zeroReport' : 'sweep-reported'}` },
          p.report.late ? '迟报' : p.report.nil ? '零报告' : '已报') : null, ' ',
        p.overdueAt ? h('span', { class: 'tag sweep-overdue' }, `逾期未报（${time(p.overdueAt)}${p.escalatedToName ? `，已上报${p.escalatedToName}` : ''}）`) : null,
        p.report ? h('div', {}, `${time(p.report.at)} ${person(p.report.by)}：${p.report.nil ? '零报告' : `排查出矛盾纠纷${p.report.found}起`}。${p.report.text}`) : null,
        p.report?.disputeIds?.length ? h('div', { class: 'muted sweep-linked' }, `已登记台账：${p.report.disputeIds.map((id) => numbers.get(id) ?? id).join('、')}`) : null))));
}

// The disputes this report can name: the jurisdiction's own ledger entries still open, or registered this period.
async function reportable(jurisdictionId, periodStart) {
  const list = await get(`/api/disputes?jurisdictionId=${encodeURIComponent(jurisdictionId)}`);
  list.forEach((d) => numbers.set(d.id, d.number));
  return list
    .filter((d) => d.state !== 'closed' || new Date(d.registeredAt) >= new Date(periodStart))
    .sort((a, b) => new Date(b.registeredAt) - new Date(a.registeredAt))
    .slice(0, 50);
}

// Ticking a dispute counts it as found: the count never falls below what the report names.
function picker(disputes, found) {
  if (disputes.length === 0) return h('div', { class: 'muted', id: 'sweep-disputes' }, '台账中没有本期可关联的纠纷；排查出的纠纷请先在下方“登记纠纷”。');
  const boxes = disputes.map((d) => h('input', { type: 'checkbox', value: d.id }));
  boxes.forEach((box) => box.addEventListener('change', () => {
    const ticked = boxes.filter((b) => b.checked).length;
    if (Number(found.value) < ticked) found.value = String(ticked);
  }));
  return h('div', { id: 'sweep-disputes', class: 'sweep-disputes' }, disputes.map((d, i) => h('label', { class: 'sweep-dispute', dataset: { id: d.id } },
    boxes[i], ' ', h('span', { class: 'mono' }, d.number), ` ${disputeCauseLabel[d.cause] ?? d.cause} · ${d.parties.map((x) => x.name).join('、')} · ${time(d.registeredAt)}`)));
}

async function renderForm() {
  const box = byId('sweep-form');
  let own;
  try {
    own = await get(`/api/jurisdictions/${encodeURIComponent(user.jurisdictionId)}/sweeps`);
  } catch {
    // A county or the city reports nothing itself; its desks see the rows.
    box.hidden = true;
    return;
  }
  const s = own.status;
  const nil = h('input', { type: 'checkbox', id: 'sweep-nil' });
  const found = h('input', { type: 'number', id: 'sweep-found', min: '1', max: '999', value: '1' });
  const text = h('textarea', { rows: 2, id: 'sweep-text', placeholder: '排查情况，例如“排查出邻里宅基地纠纷1起，已登记并组织调解”' });
  form = { found, nil, periodStart: s.periodStart, linked: picker(await reportable(user.jurisdictionId, s.periodStart), found) };
  nil.addEventListener('change', () => {
    found.disabled = nil.checked;
    // A 零报告 names no dispute; untick rather than let the server refuse the contradiction.
    form.linked.querySelectorAll('input').forEach((b) => { b.disabled = nil.checked; if (nil.checked) b.checked = false; });
    text.placeholder = nil.checked ? '可不填（本期排查未发现矛盾纠纷）' : '排查情况';
  });
  replace(box, h('div', { class: 'form' },
    h('span', {}, '本辖区'), h('div', {}, `${s.name} · 本期 ${time(s.periodStart)} 至 ${time(s.dueAt)} · `, h('span', { class: `tag sweep-${s.state}`, id: 'own-sweep-state' }, s.stateText)),
    h('span', {}, '零报告'), h('label', {}, nil, ' 本期排查未发现矛盾纠纷'),
    h('span', {}, '发现数'), found,
    h('span', {}, '关联台账'), form.linked,
    h('span', {}, '排查情况'), text,
    h('span', {}, ''), h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'sweep-submit', onClick: async () => {
      try {
        const body = nil.checked ? { nil: true, text: text.value } : { nil: false, found: Number(found.value), text: text.value, disputeIds: tickedIds() };
        const result = await post(`/api/jurisdictions/${encodeURIComponent(user.jurisdictionId)}/sweeps`, body);
        say(result.status.state === 'late' ? '已补报（迟报）' : nil.checked ? '已报送零报告' : '已报送排查情况');
        await Promise.all([loadTable(), renderForm()]);
        if (shown) await showHistory(shown);
      } catch (e) {
        say(e.message, true);
      }
    } }, '报送'))));
}

/** A dispute was just registered on this page: offer it in the report form, keeping what is already ticked. */
export async function refreshSweepDisputes() {
  if (!form) return;
  const ticked = new Set(tickedIds());
  const next = picker(await reportable(user.jurisdictionId, form.periodStart), form.found);
  next.querySelectorAll('input').forEach((b) => { b.checked = ticked.has(b.value); b.disabled = form.nil.checked; });
  form.linked.replaceWith(next);
  form.linked = next;
}

export async function startSweeps(signedIn, message) {
  user = signedIn;
  say = message;
  await Promise.all([loadTable(), renderForm()]);
  setInterval(() => document.querySelectorAll('#sweeps-table .countdown').forEach((el) => { el.textContent = countdown(el.dataset.due); }), 30000);
  connectHub({
    handlers: { SweepChanged: () => { loadTable().catch(() => {}); } },
    resync: loadTable,
  });
}
