// 重大案件报告: a case that has been severity I or II owes a written report within 24 hours and its inquiry (调查结果、
// 整改措施、责任追究情况) within a month, closed or not. The 24 hours count down on the ticker; the month is in days.
import { h } from '../../shared/dom.js';
import { dueText } from '../../shared/ticker.js';
import { dateTime, timeWithDay } from '../../shared/labels.js';

const titles = { writtenReport: '书面报告（24小时内）', inquiryReport: '调查处理报告（一个月内）' };

function state(r) {
  if (r.submittedAt) {
    return h('span', { class: r.overdue ? 'report-late' : 'report-done' }, `${r.overdue ? '迟报，' : ''}已于${timeWithDay(r.submittedAt)}报送`);
  }
  if (r.overdue || new Date(r.dueAt).getTime() < Date.now()) {
    return h('span', { class: 'report-late' }, `逾期未报（应于${dateTime(r.dueAt)}前）`);
  }
  if (r.kind === 'writtenReport') return dueText(r.dueAt);
  const days = Math.floor((new Date(r.dueAt).getTime() - Date.now()) / 86_400_000);
  return h('span', { class: 'due' }, `剩余${days}天，${dateTime(r.dueAt)}前`);
}

/**
 * The reports owed and their deadlines, with 报送 on each one not yet in: the panel's other report form is for mass
 * incidents that are open, while these are owed by any major case and after 办结 too. `pending` is the kind whose form
 * is open; `open(kind)` opens or (with null) closes it; `submit(kind, text)` sends it.
 */
export function majorReportsSection(d, { pending, open, submit }) {
  const reports = d.majorReports ?? [];
  if (reports.length === 0) return null;
  const form = (kind) => {
    const text = h('textarea', { rows: 3, maxLength: 4000, id: 'major-report-text',
      placeholder: kind === 'inquiryReport' ? '调查结果、整改措施、责任追究情况（必填）' : '书面报告内容：基本情况、处置经过、现状及下一步措施（必填）' });
    return h('form', { class: 'inline-form', id: 'major-report-form', onSubmit: (e) => {
      e.preventDefault();
      if (text.value.trim()) submit(kind, text.value.trim());
    } }, text, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, `报送${titles[kind]}`),
      h('button', { type: 'button', onClick: () => open(null) }, '取消')));
  };
  return h('section', { class: 'major-reports' }, h('h3', {}, '重大案件报告'),
    h('table', { class: 'grid-table compact', id: 'detail-major-reports' },
      h('tbody', {}, reports.map((r) => h('tr', { dataset: { kind: r.kind, overdue: String(r.overdue) } },
        h('td', {}, titles[r.kind] ?? r.kind), h('td', {}, state(r)),
        h('td', {}, !r.submittedAt && h('button', { type: 'button', class: 'small submit-major-report', dataset: { kind: r.kind }, onClick: () => open(r.kind) }, '报送')))))),
    pending && form(pending),
    h('p', { class: 'muted hint' }, '办结后仍须按时报送；逾期未报逐级督办，迟报、漏报计入考核。'));
}
