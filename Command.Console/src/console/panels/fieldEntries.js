// How the patrol terminal's entries read on the console's timeline: 远距离确认到场, 到场核实, 处警反馈, and what a
// 请求增援 asked for.
import { distance } from '../../shared/labels.js';

const backupKindLabel = { vehicle: '车巡', foot: '步巡', motorcycle: '摩托巡逻' };

/** （2 队 · 车巡 · 防暴、医疗）, or nothing for a request that said neither. */
export function backupAskText(data) {
  const parts = [
    data.teams ? `${data.teams} 队` : null,
    backupKindLabel[data.kind] ?? null,
    data.needs?.length ? data.needs.join('、') : null,
  ].filter(Boolean);
  return parts.length ? `（${parts.join(' · ')}）` : '';
}

export function fieldEntryText(kind, data) {
  switch (kind) {
    case 'farArrivalConfirmed':
      return `${data.callsign}远距离确认到场，距现场 ${distance(data.distanceMeters ?? 0)}（不计入到场节点）`;
    case 'arrivalVerified':
      return `${data.callsign}已到现场范围内，距现场 ${distance(data.distanceMeters ?? 0)}`;
    case 'fieldReport': {
      const people = [data.peopleCount != null ? `${data.peopleCount} 人` : null, data.people].filter(Boolean).join('，');
      return `${data.callsign}：现场情况：${data.found}；处置措施：${data.actions}${people ? `；涉及人员：${people}` : ''}${data.result ? `；处置结果：${data.result}` : ''}`;
    }
    default:
      return '';
  }
}
