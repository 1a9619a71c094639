// 转警 in the incident panel: the sender picks the county the case belongs to and a reason; the target's officer sees
// 待签收 with 签收 and 退回. Its own part of the panel, redrawn only when the transfer changes, so typing survives reloads.
import { h, replace } from '../../shared/dom.js';
import { get, post } from '../../shared/api.js';
import { timeWithDay } from '../../shared/labels.js';

// Not /api/jurisdictions: a county officer sees only their own subtree there, and the call belongs next door.
let targets = null;
async function targetList() {
  if (!targets) targets = get('/api/transfer-targets').catch((e) => { targets = null; throw e; });
  return targets;
}

/** A case transferred to the user's jurisdiction and not yet signed lies outside it: they may see, 签收 or 退回 it. */
export function awaitsMySignature(d, user) {
  return d.transfer?.state === 'pending' && !!user && !(d.jurisdictionChain ?? []).some((j) => j.id === user.jurisdictionId);
}

export function createTransferPart(container, { act, user }) {
  let drawnFor = null;
  let form = null;

  function render(d) {
    const t = d.transfer;
    const key = `${d.id}|${d.status}|${t?.state}|${t?.overdueAt}|${d.assignments?.filter((a) => !a.clearedAt).length}|${form}`;
    if (key === drawnFor) return;
    drawnFor = key;
    if (d.status === 'closed') {
      replace(container, t && t.state !== 'pending' && note(t));
      return;
    }
    if (t?.state === 'pending') {
      const mine = user && (user.jurisdictionId === t.toJurisdictionId || user.jurisdictionLevel === 'city');
      const base = `/api/incidents/${encodeURIComponent(d.id)}/transfer`;
      const reason = h('input', { id: 'transfer-refuse-reason', placeholder: '退回原因（必填）', attrs: { maxlength: '200' } });
      replace(container, h('section', { class: `transfer-banner${t.overdueAt ? ' overdue' : ''}`, attrs: { role: 'status' } },
        h('strong', {}, `待签收：${t.fromName}转${t.toName}`),
        h('span', {}, ` 原因：${t.reason}；${timeWithDay(t.requestedAt)}由${t.requestedBy}转出`),
        t.overdueAt && h('span', { class: 'transfer-overdue' }, ' 签收超时'),
        mine && h('div', { class: 'form-actions' },
          h('button', { id: 'transfer-sign', class: 'primary', onClick: () => act('签收', () => post(`${base}/sign`, {})) }, '签收'),
          form === 'refuse'
            ? h('form', { class: 'inline-form', onSubmit: (e) => { e.preventDefault(); act('退回', () => post(`${base}/refuse`, { reason: reason.value.trim() })).then(() => { form = null; }); } },
              reason, h('button', { type: 'submit', class: 'danger' }, '确认退回'), h('button', { type: 'button', onClick: () => { form = null; render(d); } }, '取消'))
            : h('button', { id: 'transfer-refuse', onClick: () => { form = 'refuse'; render(d); } }, '退回')),
        !mine && h('p', { class: 'muted' }, `签收前仍由${t.fromName}负责处置。`)));
      return;
    }
    if (form === 'transfer') {
      const select = h('select', { id: 'transfer-to', attrs: { 'aria-label': '转往辖区' } }, h('option', { value: '' }, '选择转往辖区…'));
      targetList().then((list) => {
        // The case's own county and its townships are not a transfer; the others' townships follow their county.
        const here = d.jurisdictionChain?.filter((j) => j.level === 'county').map((j) => j.id) ?? [];
        const counties = list.filter((j) => j.level === 'county' && !here.includes(j.id));
        for (const c of counties) select.append(h('option', { value: c.id }, c.name));
        for (const c of counties) {
          const towns = list.filter((j) => j.level === 'township' && j.parentId === c.id);
          if (towns.length) select.append(h('optgroup', { attrs: { label: `${c.name}乡镇（街道）` } }, ...towns.map((t) => h('option', { value: t.id }, `${c.name}${t.name}`))));
        }
      }, () => select.append(h('option', { value: '', attrs: { disabled: '' } }, '辖区列表未能载入，请关闭后重试')));
      const reason = h('input', { id: 'transfer-reason', placeholder: '转警原因，如“报警地点属莘县辖区”', attrs: { maxlength: '200' } });
      replace(container, h('section', { class: 'transfer-form' }, h('h3', {}, '转警'),
        h('form', { class: 'inline-form', onSubmit: (e) => {
          e.preventDefault();
          act('转警', () => post(`/api/incidents/${encodeURIComponent(d.id)}/transfer`, { toJurisdictionId: select.value, reason: reason.value.trim() }))
            .then(() => { form = null; });
        } }, select, reason, h('button', { type: 'submit', class: 'primary', id: 'transfer-submit' }, '确认转警'),
        h('button', { type: 'button', onClick: () => { form = null; render(d); } }, '取消'))));
      return;
    }
    replace(container, h('div', { class: 'transfer-line' }, t && note(t),
      h('button', { id: 'action-transfer', class: 'small', onClick: () => { form = 'transfer'; render(d); } }, '转警')));
  }

  return { render, reset: () => { drawnFor = null; form = null; } };
}

function note(t) {
  return h('p', { class: 'muted transfer-note' }, t.state === 'signed'
    ? `已由${t.fromName}转${t.toName}，${timeWithDay(t.decidedAt)}${t.decidedBy}签收。`
    : `转${t.toName}被退回（${t.decisionNote}），${timeWithDay(t.decidedAt)}${t.decidedBy}。`);
}
