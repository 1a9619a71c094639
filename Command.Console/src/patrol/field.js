// The patrol terminal's field work: the alarm of a new assignment until it is accepted, tap-to-call and navigation,
// the confirmation of 到达现场 far from the scene, the 处警反馈 form at 处置完毕, and 请求增援 with how many and what kind.
import { h, replace } from '../shared/dom.js';
import { wgs84ToGcj02 } from '../shared/gcj02.js';

// --- Alarm: a tone every two seconds, vibration where the phone allows, and a flashing banner, until 收到.
let audio = null;
let alarmTimer = null;
let alarmFor = null;
/** What the browser test reads: headless chromium has no speaker. */
const alarm = { active: false, incidentId: null, rings: 0, tones: 0, vibrations: 0, accepted: 0 };
window.__patrolAlerts = alarm;

// Browsers play sound only after the user touched the page; the first touch of the session unlocks it.
function unlockAudio() {
  try {
    audio ??= new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
  } catch {
    audio = null;
  }
}
for (const type of ['pointerdown', 'keydown', 'touchstart']) window.addEventListener(type, unlockAudio, { capture: true, passive: true });

function ring() {
  alarm.rings += 1;
  document.body.dataset.alert = alarm.rings % 2 ? 'on' : 'flash';
  if (audio?.state === 'running') {
    const now = audio.currentTime;
    for (const [offset, freq] of [[0, 960], [0.35, 720], [0.7, 960]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.25, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + offset);
      osc.stop(now + offset + 0.32);
    }
    alarm.tones += 1;
  }
  if (typeof navigator.vibrate === 'function' && navigator.vibrate([400, 200, 400])) alarm.vibrations += 1;
}

/** Starts the alarm for a new assignment (dispatched, not yet accepted); stops it once the team accepted or left. */
export function updateAlarm(team) {
  const pending = team?.status === 'dispatched' && team.incidentId ? team.incidentId : null;
  if (pending === alarmFor) return;
  clearInterval(alarmTimer);
  alarmTimer = null;
  alarmFor = pending;
  alarm.active = !!pending;
  alarm.incidentId = pending;
  if (pending) {
    ring();
    alarmTimer = setInterval(ring, 2000);
  } else {
    delete document.body.dataset.alert;
    if (typeof navigator.vibrate === 'function') navigator.vibrate(0);
  }
}

/** The full-width banner above everything while an assignment waits to be accepted. */
export function alarmBanner(team, incident, accept) {
  if (!(team?.status === 'dispatched' && team.incidentId)) return null;
  return h('div', { class: 'assignment-alert', id: 'assignment-alert', role: 'alert' },
    h('div', { class: 'alert-title' }, '新派警任务'),
    h('div', { class: 'alert-body' }, incident ? `${incident.number} · ${incident.address ?? '地址未填'}` : '正在读取任务…'),
    h('button', { type: 'button', id: 'alert-accept', class: 'primary', onClick: accept }, '收到，立即出发'));
}

// --- Contacts and navigation.

/** Tap-to-call the caller (when the page was given the number) and the centre; navigation to the scene. */
export function contactLinks(incident, config) {
  const { lon, lat } = incident.location;
  const name = encodeURIComponent(incident.address ?? incident.number);
  // Positions are GCJ-02 as in maps/, which is what AMap takes; geo: URIs are WGS-84, so that one is converted back.
  const [wlon, wlat] = gcj02ToWgs84(lon, lat);
  const centre = config.centrePhone || '0635-110';
  return h('div', { class: 'contact-links', id: 'contact-links' },
    incident.callerPhone ? h('a', { class: 'link-button', id: 'call-caller', href: `tel:${dial(incident.callerPhone)}` }, `呼叫报警人 ${incident.callerPhone}`) : null,
    h('a', { class: 'link-button', id: 'call-centre', href: `tel:${dial(centre)}` }, `呼叫指挥中心 ${centre}`),
    h('a', {
      class: 'link-button nav', id: 'navigate-amap', target: '_blank', rel: 'noopener',
      href: `https://uri.amap.com/marker?position=${lon.toFixed(6)},${lat.toFixed(6)}&name=${name}&coordinate=gaode&callnative=1`,
    }, '高德导航到现场'),
    h('a', { class: 'link-button nav', id: 'navigate-geo', href: `geo:${wlat.toFixed(6)},${wlon.toFixed(6)}?q=${wlat.toFixed(6)},${wlon.toFixed(6)}(${name})` }, '用本机地图导航'));
}

const dial = (phone) => String(phone).replace(/[^\d+]/g, '');

/** The inverse of wgs84ToGcj02 by fixed-point iteration: a few steps bring it well under a metre. */
function gcj02ToWgs84(lon, lat) {
  let [x, y] = [lon, lat];
  for (let i = 0; i < 4; i++) {
    const [gx, gy] = wgs84ToGcj02(x, y);
    x += lon - gx;
    y += lat - gy;
  }
  return [x, y];
}

// --- Dialogs: a <dialog> each, resolved with what was entered or null when cancelled.

function openDialog(id, title, body, okLabel, read) {
  document.getElementById(id)?.remove();
  const message = h('p', { class: 'dialog-message', role: 'alert' });
  const ok = h('button', { type: 'submit', class: 'primary', id: `${id}-ok` }, okLabel);
  const cancel = h('button', { type: 'button', id: `${id}-cancel` }, '取消');
  const form = h('form', { method: 'dialog' }, h('h2', {}, title), body, message, h('div', { class: 'dialog-buttons' }, cancel, ok));
  const dialog = h('dialog', { class: 'patrol-dialog', id }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => { dialog.close(); dialog.remove(); resolve(null); });
    dialog.addEventListener('cancel', () => { dialog.remove(); resolve(null); });
    // A complaint about the form is stale once the officer changes it; the next submit checks again.
    form.addEventListener('input', () => message.replaceChildren());
    form.addEventListener('change', () => message.replaceChildren());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = read();
      if (typeof value === 'string') {
        replace(message, value);
        return;
      }
      // Disabled at once, so a second tap cannot send it twice.
      ok.disabled = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    });
    dialog.showModal();
  });
}

/** 远离现场 X 米，确认已到达？ */
export function confirmFarArrival(metres) {
  const text = metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`;
  return openDialog('far-arrival', '确认到达现场',
    h('p', { id: 'far-arrival-text' }, `本机定位距现场约 ${text}，超出到场范围。确认已到达现场？将记录为“远距离确认到场”，不计入到场节点。`),
    '确认已到达', () => true);
}

/** 处警反馈 at 处置完毕. */
export function askFieldReport() {
  const found = h('textarea', { id: 'report-found', rows: 3, maxlength: 1000, placeholder: '到场后看到的情况' });
  const actions = h('textarea', { id: 'report-actions', rows: 3, maxlength: 1000, placeholder: '采取的处置措施' });
  const count = h('input', { id: 'report-count', type: 'number', min: 0, max: 100000, inputmode: 'numeric', placeholder: '人数' });
  const people = h('input', { id: 'report-people', type: 'text', maxlength: 500, placeholder: '姓名、身份等（可不填）' });
  const result = h('select', { id: 'report-result' },
    ['已调解', '已制止', '已移交', '已救助', '无警情', '其他'].map((r) => h('option', { value: r }, r)));
  return openDialog('field-report', '处警反馈',
    h('div', { class: 'dialog-fields' },
      h('label', {}, '现场情况', found), h('label', {}, '处置措施', actions),
      h('label', {}, '涉及人数', count), h('label', {}, '涉及人员', people), h('label', {}, '处置结果', result)),
    '提交并处置完毕', () => {
      if (!found.value.trim() || !actions.value.trim()) return '请填写现场情况和处置措施。';
      const n = count.value === '' ? null : Number(count.value);
      if (n !== null && !(Number.isInteger(n) && n >= 0)) return '涉及人数应为不小于 0 的整数。';
      return { found: found.value.trim(), actions: actions.value.trim(), peopleCount: n, people: people.value.trim() || null, result: result.value };
    });
}

/** 请求增援: how many teams, what kind, what they must bring. */
export function askBackup() {
  const teams = h('select', { id: 'backup-teams' }, [1, 2, 3, 4, 5].map((n) => h('option', { value: n }, `${n} 队`)));
  const kind = h('select', { id: 'backup-kind' },
    [['any', '不限'], ['vehicle', '车巡'], ['foot', '步巡'], ['motorcycle', '摩托巡逻']].map(([v, l]) => h('option', { value: v }, l)));
  const needs = ['防暴', '医疗', '消防', '警犬'].map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n, name: 'backup-need' }), n));
  const note = h('input', { id: 'backup-note', type: 'text', maxlength: 200, placeholder: '补充说明（可不填）' });
  return openDialog('backup', '请求增援',
    h('div', { class: 'dialog-fields' },
      h('label', {}, '增援数量', teams), h('label', {}, '警力类型', kind),
      h('fieldset', { class: 'needs' }, h('legend', {}, '需要'), needs), h('label', {}, '说明', note)),
    '发送请求', () => ({
      teams: Number(teams.value),
      kind: kind.value,
      needs: needs.map((l) => l.querySelector('input')).filter((c) => c.checked).map((c) => c.value),
      note: note.value.trim() || '现场请求增援',
    }));
}
