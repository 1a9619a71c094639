// 推荐警力: the teams that can reach the incident soonest, with their equipment and a 派警 button each. When the
// incident's own area has nobody to send (警力不足), the nearest suitable teams of the bordering counties, marked 邻区:
// the officer may send those in their scope; for the others they are told whose duty room to ask.
import { h } from '../../shared/dom.js';
import { distance, teamModeLabel } from '../../shared/labels.js';

/** 约18分30秒 / 约2分 / 约1小时05分 / 约40秒: an arrival estimate as a duration, never like a clock time. */
export function etaText(seconds) {
  const total = Math.max(10, Math.round(seconds / 10) * 10);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `约${hours}小时${String(minutes).padStart(2, '0')}分`;
  if (minutes > 0) return rest ? `约${minutes}分${rest}秒` : `约${minutes}分`;
  return `约${rest}秒`;
}

function equipmentCell(list) {
  return h('td', { class: 'equipment' }, (list ?? []).map((item) => h('span', { class: `kit${item === '防暴装备' || item === '防爆器材' ? ' kit-key' : ''}` }, item)));
}

function teamTable(id, rows, { onTeamFocus, dispatch, neighbouring }) {
  const head = ['巡防队', ...(neighbouring ? ['所属'] : []), '方式', '预计到达', '距离', '装备', ''];
  return h('table', { class: 'grid-table compact', id },
    h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { team: r.teamId } },
      h('td', {}, neighbouring && h('span', { class: 'neighbour-mark', title: '相邻辖区的警力' }, '邻区'),
        h('a', { href: '#', onClick: (e) => { e.preventDefault(); onTeamFocus?.(r.teamId); } }, r.callsign)),
      neighbouring && h('td', {}, r.jurisdictionName ?? ''),
      h('td', {}, teamModeLabel[r.mode] ?? r.mode),
      h('td', { class: 'eta', title: `预计 ${Math.round(r.etaSeconds)} 秒到达` }, etaText(r.etaSeconds)),
      h('td', {}, distance(r.distanceMeters)),
      equipmentCell(r.equipment),
      h('td', {}, r.canDispatch === false
        ? h('span', { class: 'muted ask-neighbour' }, `请联系${r.jurisdictionName ?? '该县'}值班室派警`)
        : h('button', { class: 'primary small dispatch', dataset: { team: r.teamId }, onClick: () => dispatch(r.teamId, r.callsign) }, '派警'))))));
}

/** The section for an open incident. `neighbours` is what /neighbour-support answered when `recommendations` was empty. */
export function recommendationSection({ detail, recommendations, neighbours, error, onTeamFocus, dispatch }) {
  const title = h('h3', {}, '推荐警力', detail?.isMassIncident && h('span', { class: 'muted requirement' }, '（群体性事件：须携带防暴装备）'));
  if (error) return h('section', { class: 'recommendations' }, title, h('p', { class: 'warning' }, `推荐失败：${error}`));
  if (recommendations.length > 0) {
    return h('section', { class: 'recommendations' }, title, teamTable('detail-recommendations', recommendations, { onTeamFocus, dispatch }));
  }
  const shortage = h('p', { class: 'shortage', id: 'detail-shortage', attrs: { role: 'alert' } },
    h('strong', {}, '警力不足'), '：本辖区暂无可及时到达的待命警力', detail?.isMassIncident ? '（须携带防暴装备）' : '', '。');
  const list = neighbours?.length
    ? [h('p', { class: 'muted' }, '相邻辖区最近的可派警力：'), teamTable('detail-neighbours', neighbours, { onTeamFocus, dispatch, neighbouring: true })]
    : [h('p', { class: 'muted' }, '相邻辖区也暂无可派的待命警力，请报上级指挥中心协调。')];
  return h('section', { class: 'recommendations' }, title, shortage, ...list);
}
