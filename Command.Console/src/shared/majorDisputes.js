// 重大矛盾纠纷直报: a major dispute registered anywhere below reaches the county's and the city's desks at once, pushed by
// the hub's MajorDisputeReported. It stays in a red bar until someone at the desk marks it seen (知道了); the ledger
// on /disputes has the dispute itself.
import { h, replace } from './dom.js';
import { disputeCauseLabel, personName, timeWithDay } from './labels.js';

/** Puts the bar before `before`; returns report(dispute), to call with each pushed dispute. */
export function createMajorDisputeBar(before) {
  const bar = h('div', { id: 'major-dispute-bar', class: 'major-dispute-bar', attrs: { role: 'alert' } });
  bar.hidden = true;
  before.before(bar);
  const waiting = [];

  function render() {
    const latest = waiting.at(-1);
    bar.hidden = !latest;
    if (!latest) return;
    replace(bar,
      h('strong', {}, '重大矛盾纠纷直报：'),
      h('span', { class: 'major-dispute-text' },
        `${latest.number} · ${disputeCauseLabel[latest.cause] ?? latest.cause} · ${latest.description}（${personName(latest.registeredBy)} ${timeWithDay(latest.registeredAt)} 登记）`),
      waiting.length > 1 ? h('span', { class: 'major-dispute-more' }, `另有 ${waiting.length - 1} 起`) : null,
      h('a', { href: '/disputes', target: '_blank', rel: 'noopener' }, '查看台账'),
      h('button', { type: 'button', class: 'small', id: 'major-dispute-seen', onClick: () => { waiting.pop(); render(); } }, '知道了'));
  }

  return (dispute) => {
    if (waiting.some((d) => d.id === dispute.id)) return;
    waiting.push(dispute);
    render();
  };
}
