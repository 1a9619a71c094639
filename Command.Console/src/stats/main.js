// 统计研判与考核 at /stats: the figures of GET /api/statistics and the 考核 scorecard for a jurisdiction in the signed-in
// user's scope and a period, as charts (Apache ECharts, bundled) and tables, exported as the server's CSV or printed.
// Every figure is the server's: the page computes nothing but percentages of what it is given, so what a leader
// prints is what the CSV and the API say.
import { init, use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { get } from '../shared/api.js';
import { byId, h, replace } from '../shared/dom.js';
import { showSignedIn } from '../shared/session.js';
import { pageMessage } from '../shared/pageMessage.js';
import { channelLabel, duration, incidentTypeLabel, levelLabel, severityRoman } from '../shared/labels.js';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const say = pageMessage(4000);
const font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const palette = ['#1565c0', '#c62828', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#f9a825', '#4e342e', '#546e7a', '#ad1457'];
const vetoLabel = { majorMassIncident: '重大群体性事件', reportLate: '书面报告迟报', reportMissing: '书面报告漏报' };

const seconds = (s) => (s === null || s === undefined ? '—' : duration(s * 1000));
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
const beijingDate = (date = new Date()) => date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const addDays = (ymd, days) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const beijingTime = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
// The period as the server counted it, [from, to): a whole Beijing day reads as its date, and the end as the last
// day counted, so 11月4日 至 12月3日 is 30 days; a period that starts or ends within a day shows its times.
function periodText(fromIso, toIso) {
  const at = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const day = (ms) => new Date(ms).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
  const midnight = (iso) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour12: false }) === '00:00:00';
  const from = new Date(fromIso).getTime();
  const to = new Date(toIso).getTime();
  return midnight(fromIso) && midnight(toIso) ? `${day(from)} 至 ${day(to - 1)}` : `${at(fromIso)} 至 ${at(toIso)}`;
}

let report = null;
let scorecard = null;
let ready = false;
const charts = new Map();

// ECharts draws its tooltips as DOM with inline style attributes in its HTML markers, which the page's
// Content-Security-Policy refuses; richText tooltips are drawn on the canvas instead.
const tooltip = { renderMode: 'richText', confine: true };

function chart(id) {
  let c = charts.get(id);
  if (!c) {
    c = init(byId(id), null, { renderer: 'canvas' });
    charts.set(id, c);
  }
  return c;
}

function drawCharts() {
  // A slice or a bar of nothing only crowds the chart: the categories with no case are left out.
  const channels = Object.entries(report.cases.byChannel ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => Number(a) - Number(b));
  chart('chart-channel').setOption({
    color: palette, textStyle: { fontFamily: font }, tooltip: { ...tooltip, trigger: 'item', formatter: '{b}：{c} 起（{d}%）' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c} 起' },
      data: channels.map(([channel, n]) => ({ name: channelLabel[channel] ?? channel, value: n })) }],
  }, true);

  const types = Object.entries(report.cases.byType ?? {}).filter(([, n]) => n > 0).sort(([, a], [, b]) => b - a);
  chart('chart-type').setOption({
    color: palette, textStyle: { fontFamily: font }, tooltip: { ...tooltip, trigger: 'axis', formatter: '{b}：{c} 起' },
    grid: { left: 90, right: 30, top: 10, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: types.map(([t]) => incidentTypeLabel[t] ?? t) },
    series: [{ type: 'bar', barMaxWidth: 26, data: types.map(([, n]) => n), label: { show: true, position: 'right' } }],
  }, true);

  chart('chart-hour').setOption({
    color: ['#1565c0'], textStyle: { fontFamily: font }, tooltip: { ...tooltip, trigger: 'axis', formatter: '{b}时：{c} 起' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, i) => String(i)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: report.cases.byHour ?? [] }],
  }, true);

  const children = report.children ?? [];
  chart('chart-children').setOption({
    color: ['#1565c0', '#ef6c00', '#2e7d32'], textStyle: { fontFamily: font }, tooltip: { ...tooltip, trigger: 'axis' },
    legend: { bottom: 0, data: ['接警数', '派警用时中位数（分钟）', '到场用时中位数（分钟）'] },
    grid: { left: 44, right: 50, top: 16, bottom: 70 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { interval: 0, rotate: children.length > 8 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: '起', minInterval: 1 }, { type: 'value', name: '分钟' }],
    series: [
      { name: '接警数', type: 'bar', barMaxWidth: 40, data: children.map((c) => c.total) },
      { name: '派警用时中位数（分钟）', type: 'line', yAxisIndex: 1, data: children.map((c) => minutes(c.dispatchMedianSeconds)) },
      { name: '到场用时中位数（分钟）', type: 'line', yAxisIndex: 1, data: children.map((c) => minutes(c.arrivalMedianSeconds)) },
    ],
  }, true);
}

const minutes = (s) => (s === null || s === undefined ? null : Math.round(s / 6) / 10);

function figure(label, value, note, warn = false) {
  return h('div', { class: `figure${warn ? ' warn' : ''}` }, h('strong', {}, String(value)), h('span', {}, label), note ? h('small', {}, note) : null);
}

function drawFigures() {
  const r = report;
  const severities = Object.entries(r.cases.bySeverity ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${severityRoman[s] ?? s}级 ${n}`).join(' · ');
  replace(byId('figures'),
    figure('接警总数', r.cases.total, severities),
    figure('派警用时中位数', seconds(r.dispatch.medianSeconds), `P90 ${seconds(r.dispatch.p90Seconds)} · ${r.dispatch.count} 起`),
    figure('派警超时', r.dispatch.overdue, null, r.dispatch.overdue > 0),
    figure('到场用时中位数', seconds(r.arrival.medianSeconds), `P90 ${seconds(r.arrival.p90Seconds)} · ${r.arrival.count} 起`),
    figure('群体性事件', r.goldenWindow.massIncidents, `节点 ${r.goldenWindow.milestones} 个`),
    figure('黄金处置窗口节点超时', r.goldenWindow.breaches, null, r.goldenWindow.breaches > 0),
    figure('督办', r.escalations.raised, `已签收 ${r.escalations.acknowledged} · 未签收 ${r.escalations.unacknowledged}`, r.escalations.unacknowledged > 0),
    figure('督办签收用时中位数', seconds(r.escalations.medianAckSeconds), `P90 ${seconds(r.escalations.p90AckSeconds)}`));
  replace(byId('period-text'), `${r.jurisdictionName} · ${periodText(r.from, r.to)}`);
}

const scorecardColumns = [
  ['辖区', (r) => r.name],
  ['接警', (r) => r.cases],
  ['派警用时中位数', (r) => seconds(r.dispatchMedianSeconds)],
  ['派警超时率', (r) => percent(r.overdueRate), (r) => r.dispatchOverdue > 0],
  ['到场用时中位数', (r) => seconds(r.arrivalMedianSeconds)],
  ['群体性事件', (r) => `${r.massIncidents}${r.majorMassIncidents ? `（重大 ${r.majorMassIncidents}）` : ''}`, (r) => r.majorMassIncidents > 0],
  ['节点超时率', (r) => percent(r.breachRate), (r) => r.breaches > 0],
  ['督办签收中位数', (r) => seconds(r.ackMedianSeconds)],
  ['重大案件', (r) => r.majorCases],
  ['书面报告 按时/迟报/漏报', (r) => `${r.reportsOnTime}/${r.reportsLate}/${r.reportsMissing}`, (r) => r.reportsLate + r.reportsMissing > 0],
  ['矛盾激化点', (r) => r.repeatPlaces],
  ['一票否决风险', (r) => (r.vetoFlags.length ? `${r.vetoFlags.length} 项` : '无'), (r) => r.vetoFlags.length > 0],
];

function scorecardRow(r, total = false) {
  return h('tr', { class: total ? 'total' : '', dataset: { jurisdiction: r.jurisdictionId } },
    scorecardColumns.map(([, value, warn], i) => h(i === 0 ? 'th' : 'td', { class: warn?.(r) ? 'warn' : '', scope: i === 0 ? 'row' : undefined },
      i === 0 && total ? `${value(r)}（合计）` : value(r))));
}

function drawScorecard() {
  const s = scorecard;
  replace(byId('scorecard'), h('table', { class: 'grid', id: 'scorecard-table' },
    h('thead', {}, h('tr', {}, scorecardColumns.map(([title]) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, s.rows.map((r) => scorecardRow(r)), scorecardRow(s.total, true))));
  const flags = [...s.rows, s.total].flatMap((r) => r.vetoFlags.map((v) => ({ ...v, where: r.name })));
  const unique = [...new Map(flags.map((v) => [`${v.kind}/${v.incidentId}`, v])).values()];
  replace(byId('vetoes'), unique.length === 0
    ? h('p', { class: 'muted', id: 'no-vetoes' }, '本时段无一票否决风险。')
    : h('div', {}, h('h3', {}, `一票否决风险（${unique.length} 项）`), h('table', { class: 'grid', id: 'veto-table' },
      h('thead', {}, h('tr', {}, ['风险', '案件编号', '接警时间', '辖区'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, unique.map((v) => h('tr', { class: 'veto', dataset: { kind: v.kind } },
        h('td', {}, v.title ?? vetoLabel[v.kind] ?? v.kind), h('td', {}, v.number), h('td', {}, beijingTime(v.receivedAt)), h('td', {}, v.where)))))));
}

function drawRepeatPlaces() {
  const places = report.repeatPlaces ?? [];
  replace(byId('repeat-places'), places.length === 0
    ? h('p', { class: 'muted' }, '本时段没有同一原因反复报警的村（社区）。')
    : h('table', { class: 'grid', id: 'repeat-table' },
      h('thead', {}, h('tr', {}, ['村（社区）', '乡镇（街道）', '原因', '次数', '最近一次'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, places.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.township ?? ''),
        h('td', {}, incidentTypeLabel[p.cause] ?? p.cause), h('td', {}, p.count), h('td', {}, beijingTime(p.lastAt)))))));
}

function query() {
  const params = new URLSearchParams({ jurisdiction: byId('jurisdiction').value, from: byId('from').value, to: byId('to').value });
  return params.toString();
}

async function run() {
  ready = false;
  const q = query();
  byId('csv').href = `/api/statistics/scorecard.csv?${q}`;
  history.replaceState(null, '', `/stats?${q}`);
  try {
    [report, scorecard] = await Promise.all([get(`/api/statistics?${q}`), get(`/api/statistics/scorecard?${q}`)]);
  } catch (e) {
    say(`查询失败：${e.message}`, true);
    return;
  }
  drawFigures();
  drawCharts();
  drawScorecard();
  drawRepeatPlaces();
  const period = `统计时段：${periodText(report.from, report.to)}（北京时间）`;
  replace(byId('print-heading'), `${report.jurisdictionName}社会治安综合治理考核表`);
  replace(byId('print-period'), period);
  replace(byId('print-footer'), `${period}　数据来源：聊城市社会治安指挥调度系统，打印时间 ${beijingTime(new Date().toISOString())}`);
  ready = true;
}

function setPeriod(button) {
  const today = beijingDate();
  let from = today;
  if (button.dataset.days) from = addDays(today, 1 - Number(button.dataset.days));
  else if (button.dataset.period === 'month') from = `${today.slice(0, 8)}01`;
  else if (button.dataset.period === 'quarter') from = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  else if (button.dataset.period === 'year') from = `${today.slice(0, 4)}-01-01`;
  byId('from').value = from;
  byId('to').value = today;
  run();
}

async function start() {
  const user = await showSignedIn(byId('user-box'));
  const own = await get(`/api/jurisdictions/${encodeURIComponent(user.jurisdictionId)}`);
  const children = own.level === 'village' || own.level === 'grid' ? [] : await get(`/api/jurisdictions?parentId=${encodeURIComponent(own.id)}`);
  const select = byId('jurisdiction');
  replace(select, h('option', { value: own.id }, `${own.name}（${levelLabel[own.level] ?? own.level}）`),
    children.map((c) => h('option', { value: c.id }, `　${c.name}`)));
  const asked = new URLSearchParams(location.search);
  if (asked.get('jurisdiction') && [...select.options].some((o) => o.value === asked.get('jurisdiction'))) select.value = asked.get('jurisdiction');
  const today = beijingDate();
  byId('from').value = asked.get('from') ?? addDays(today, -29);
  byId('to').value = asked.get('to') ?? today;
  byId('query').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  for (const b of document.querySelectorAll('.quick button')) b.addEventListener('click', () => setPeriod(b));
  byId('print').addEventListener('click', () => window.print());
  // The charts are drawn for the screen's width; print and a resized window redraw them for theirs.
  const resize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  await run();
}

// Read-only hooks for the browser tests: what the charts and tables show.
window.__stats = Object.freeze({
  ready: () => ready,
  series: (id) => (charts.get(id)?.getOption().series ?? []).map((s) => ({ name: s.name, data: s.data.map((d) => (typeof d === 'object' && d !== null ? d.value : d)) })),
  categories: (id) => charts.get(id)?.getOption().xAxis?.[0]?.data ?? charts.get(id)?.getOption().yAxis?.[0]?.data ?? [],
  pieNames: (id) => (charts.get(id)?.getOption().series?.[0]?.data ?? []).map((d) => d.name),
});

start().catch((e) => say(`页面加载失败：${e.message}`, true));
