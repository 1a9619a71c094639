// Alarms for the desks at / and /leader: a new call, a dispatch past its deadline (派警超时), a team asking for
// backup (请求增援) and a golden-window breach sound a tone and show a flashing banner until someone acknowledges
// them. Tones are made with the Web Audio API (no files to fetch). Browsers keep audio locked until the user has
// clicked or typed on the page, so the first gesture unlocks it; an alarm raised while still locked offers a
// button to turn the sound on. Muting is per console (this browser, this page) and remembered. An alarm nobody
// acknowledged sounds again every half minute: an officer who was away from the desk for the first tone must still
// hear that a call is waiting.
//
// Every alarm raised is recorded in window.__commandAlarms with whether it was sounded, so browser tests can tell a
// tone played from one that was muted or blocked.
import { h, replace } from './dom.js';
import { duration, incidentTypeLabel } from './labels.js';

// Tone patterns per kind: [frequency Hz, seconds on, seconds of silence after]. Distinct by ear at 3 a.m.
const patterns = {
  newCall: [[880, 0.18, 0.08], [880, 0.18, 0.3]],
  dispatchOverdue: [[660, 0.25, 0.1], [660, 0.25, 0.1], [660, 0.25, 0.3]],
  backupRequested: [[990, 0.1, 0.06], [990, 0.1, 0.06], [990, 0.1, 0.06], [990, 0.1, 0.3]],
  milestoneBreached: [[440, 0.6, 0.15], [330, 0.6, 0.3]],
};

export const alarmKindLabel = {
  newCall: '新警情',
  dispatchOverdue: '派警超时',
  backupRequested: '请求增援',
  milestoneBreached: '节点超时',
};

/** The page's alarm desk: a 静音 toggle in the top bar and a banner of unacknowledged alarms. */
export function createAlarm({ page = location.pathname, repeatMs = window.__commandAlarmRepeatMs ?? 30_000 } = {}) {
  const records = (window.__commandAlarms ??= []);
  const mutedKey = `command.alarm.muted:${page}`;
  let muted = readMuted();
  let context = null;
  const raised = new Set();
  const open = new Map(); // key -> { kind, text, record }
  let repeater = null;

  const muteButton = h('button', {
    id: 'alarm-mute', type: 'button', class: 'alarm-mute',
    title: '报警声音：点击切换静音（仅本机本页面）',
    onClick: () => setMuted(!muted),
  });
  const tools = document.querySelector('.topbar-tools');
  tools?.prepend(muteButton);
  const banner = h('div', { id: 'alarm-banner', class: 'alarm-banner', hidden: true, attrs: { role: 'alert', 'aria-live': 'assertive' } });
  document.body.append(banner);
  renderMute();

  // The first click or key on the page is the gesture browsers require before audio may play.
  const unlock = () => {
    ensureContext();
    if (context?.state === 'running') {
      window.removeEventListener('pointerdown', unlock, true);
      window.removeEventListener('keydown', unlock, true);
      render();
    }
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);

  function readMuted() {
    try {
      return localStorage.getItem(mutedKey) === '1';
    } catch {
      return false;
    }
  }

  function setMuted(value) {
    muted = value;
    try {
      localStorage.setItem(mutedKey, value ? '1' : '0');
    } catch {
      // Private mode without storage: muted for this visit only.
    }
    renderMute();
    render();
  }

  function renderMute() {
    muteButton.setAttribute('aria-pressed', String(muted));
    muteButton.classList.toggle('muted', muted);
    replace(muteButton, muted ? '已静音' : '声音：开');
    document.body.dataset.alarmMuted = String(muted);
  }

  function ensureContext() {
    const Context = window.AudioContext ?? window.webkitAudioContext;
    if (!Context) return null;
    if (!context) {
      try {
        context = new Context();
      } catch {
        return null;
      }
      // Resuming can take seconds on a busy machine: an alarm raised meanwhile sounds as soon as audio runs.
      context.addEventListener('statechange', () => {
        if (context.state === 'running') soundWaiting();
      });
    }
    if (context.state === 'suspended') context.resume().catch(() => {});
    return context;
  }

  function play(kind) {
    const ctx = context;
    if (!ctx || ctx.state !== 'running') return false;
    let t = ctx.currentTime + 0.02;
    for (const [frequency, on, off] of patterns[kind] ?? patterns.newCall) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
      gain.gain.setValueAtTime(0.2, t + on - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + on);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(t);
      oscillator.stop(t + on + 0.01);
      t += on + off;
    }
    return true;
  }

  function sound(record) {
    if (muted) return;
    ensureContext();
    // Not running yet: the context's statechange sounds it once audio runs (soundWaiting); until then the banner
    // offers 点击开启声音提示.
    if (play(record.kind)) record.sounded = true;
  }

  function soundWaiting() {
    if (muted) return;
    const waiting = [...open.values()].filter(a => !a.record.sounded);
    if (waiting.length && play(waiting.at(-1).kind)) {
      for (const a of waiting) a.record.sounded = true;
    }
    render();
  }

  // Only the newest open alarm repeats, so that ten waiting calls do not make ten overlapping tones.
  function keepRepeating() {
    if (repeater || open.size === 0) return;
    repeater = setInterval(() => {
      if (open.size === 0) {
        clearInterval(repeater);
        repeater = null;
        return;
      }
      if (muted) return;
      const latest = [...open.values()].at(-1);
      if (play(latest.kind)) {
        latest.record.sounded = true;
        latest.record.repeats = (latest.record.repeats ?? 0) + 1;
        document.body.dataset.alarmRepeats = String(Number(document.body.dataset.alarmRepeats ?? 0) + 1);
      }
    }, repeatMs);
  }

  function render() {
    const items = [...open.entries()];
    banner.hidden = items.length === 0;
    document.body.classList.toggle('alarm-active', items.length > 0);
    if (!items.length) {
      replace(banner);
      return;
    }
    const [latestKey, latest] = items[items.length - 1];
    const locked = !muted && context?.state !== 'running';
    replace(banner,
      h('span', { class: `alarm-kind alarm-${latest.kind}` }, alarmKindLabel[latest.kind] ?? '报警'),
      h('span', { class: 'alarm-text', title: latest.text }, latest.text),
      items.length > 1 ? h('span', { class: 'alarm-more' }, `另有 ${items.length - 1} 条`) : null,
      locked ? h('button', { type: 'button', class: 'small alarm-unlock', onClick: () => { ensureContext(); setTimeout(render, 300); } }, '点击开启声音提示') : null,
      h('button', { type: 'button', class: 'small primary alarm-ack', onClick: () => acknowledge(latestKey) }, '知道了'),
      items.length > 1 ? h('button', { type: 'button', class: 'small alarm-ack-all', onClick: () => acknowledgeAll() }, '全部知道了') : null);
  }

  function acknowledge(key) {
    open.delete(key);
    render();
  }

  function acknowledgeAll() {
    open.clear();
    render();
  }

  return {
    /** Raises an alarm once per key: sounds it (unless muted) and shows it until acknowledged or resolved. */
    raise(kind, key, text) {
      if (raised.has(key)) return;
      raised.add(key);
      const record = { kind, key, text, at: new Date().toISOString(), muted, sounded: false };
      records.push(record);
      document.body.dataset.alarmCount = String(records.length);
      document.body.dataset.alarmLast = kind;
      open.set(key, { kind, text, record });
      sound(record);
      keepRepeating();
      render();
      // Restart the flash so a second alarm is seen as new.
      banner.classList.remove('flash');
      void banner.offsetWidth;
      banner.classList.add('flash');
    },
    /** The alarm's cause went away (the call was dispatched, backup sent): it leaves the banner. */
    resolve(key) {
      if (open.delete(key)) render();
    },
    /** Marks a key as seen without sounding, for what was already there when the page loaded. */
    seen(key) {
      raised.add(key);
    },
    get muted() { return muted; },
  };
}

/**
 * What about an incident is an alarm: fed with summaries (a snapshot, then each change) and milestone events.
 * The first snapshot is what the page found on opening, so it only seeds; later snapshots (after a reconnect)
 * alarm for what appeared meanwhile.
 */
export function watchIncidents(alarm) {
  const known = new Set();
  let seeded = false;

  const keys = (s) => ({
    newCall: `new:${s.id}`,
    overdue: `overdue:${s.id}`,
    backup: s.backupRequestedAt ? `backup:${s.id}:${s.backupRequestedAt}` : null,
  });

  function check(s, quiet, own = false) {
    const k = keys(s);
    const isNew = !known.has(s.id);
    known.add(s.id);
    const mark = (kind, key, text) => (quiet ? alarm.seen(key) : alarm.raise(kind, key, text));
    const type = incidentTypeLabel[s.type] ?? '';
    const where = s.address ? ` · ${s.address}` : '';
    if (s.status === 'closed' || s.status !== 'received') {
      alarm.resolve(k.newCall);
      alarm.resolve(k.overdue);
    }
    // A call this desk just registered itself needs no alarm to be noticed.
    if (isNew && s.status === 'received') (own ? alarm.seen(k.newCall) : mark('newCall', k.newCall, `新警情 ${s.number} ${type}${where}`));
    if (s.status === 'received' && s.dispatchOverdueAt) {
      mark('dispatchOverdue', k.overdue, `${s.number} 派警超时，已等 ${duration(Date.now() - new Date(s.receivedAt).getTime())}，请尽快派警`);
    }
    if (k.backup && s.status !== 'closed') mark('backupRequested', k.backup, `${s.number} 现场请求增援，请增派警力`);
  }

  return {
    snapshot(summaries) {
      for (const s of summaries) check(s, !seeded);
      seeded = true;
    },
    incident(s, { own = false } = {}) {
      check(s, !seeded, own);
    },
    milestone(event) {
      if (event.change !== 'breached') return;
      const m = event.milestone;
      const key = `breach:${event.incidentId}:${m.name}`;
      if (!seeded) alarm.seen(key);
      else alarm.raise('milestoneBreached', key, `${event.incidentNumber} 黄金时间节点超时：${m.title}`);
    },
  };
}
