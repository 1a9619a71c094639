// What one timeline entry says, in the users' words: shared by the duty console's case panel and the leaders' case
// view, so that a case reads the same to both. Every text from the call is returned as text: it may contain anything.
import { backupAskText, fieldEntryText } from './fieldEntries.js';
import { describeCaseControl } from './caseControl.js';
import { describeInstruction } from './instructions.js';
import {
  channelLabel, distance, gateLabel, incidentStatusLabel, incidentTypeLabel, levelLabel, massCauseLabel, reportKindLabel, severityLabel,
  teamStatusLabel, timeOfDay,
} from '../../shared/labels.js';

export function describeTimelineEntry(entry, { milestones = [], callsignOf = (id) => id } = {}) {
  const data = entry.data ?? {};
  switch (entry.kind) {
    case 'received': {
      const call = data.call ?? {};
      return `${channelLabel[call.channel] ?? ''} ${incidentTypeLabel[call.type] ?? ''} ${severityLabel[call.severity] ?? ''}`.trim();
    }
    case 'teamAssigned':
      return data.callsign ?? callsignOf(data.teamId);
    case 'teamStatus':
      return `${callsignOf(data.teamId)}：${teamStatusLabel[data.status] ?? data.status}`;
    case 'teamReleased':
      return callsignOf(data.teamId);
    case 'transferRequested':
      return `${data.fromName}转${data.toName}：${data.reason}`;
    case 'transferSigned':
      return `${data.toName}签收${data.note ? `：${data.note}` : ''}`;
    case 'transferRefused':
      return `${data.toName}退回：${data.reason}`;
    case 'transferOverdue':
      return '对方未在规定时间内签收';
    case 'statusChanged':
      return `${incidentStatusLabel[data.from] ?? data.from} → ${incidentStatusLabel[data.to] ?? data.to}${data.note ? `：${data.note}` : ''}`;
    case 'backupRequested':
      return `${data.callsign ?? callsignOf(data.teamId)}请求增援${backupAskText(data)}${data.note ? `：${data.note}` : ''}`;
    case 'farArrivalConfirmed':
    case 'arrivalVerified':
    case 'fieldReport':
      return fieldEntryText(entry.kind, data);
    case 'dispatchOverdue':
      return `超过派警时限 ${Math.round(data.lateSeconds ?? 0)} 秒`;
    case 'massDeclared':
      return `${massCauseLabel[data.cause] ?? data.cause ?? ''}${data.crowdSize != null ? `，约 ${data.crowdSize} 人` : ''}`;
    case 'crowdRevised':
      return `${data.from ?? '未报'} → ${data.to} 人`;
    case 'severityChanged':
      return `${severityLabel[data.from] ?? data.from} → ${severityLabel[data.to] ?? data.to}${data.reason ? `：${data.reason}` : ''}`;
    case 'milestoneDue':
    case 'milestoneMet':
    case 'milestoneBreached': {
      const title = milestones.find((m) => m.name === data.name)?.title ?? data.name;
      if (entry.kind === 'milestoneMet') return `${title}${data.evidence ? `：${data.evidence}` : ''}`;
      if (entry.kind === 'milestoneBreached') return `${title}（时限 ${timeOfDay(data.dueAt)}）`;
      return `${title} 将于 ${timeOfDay(data.dueAt)} 到期`;
    }
    case 'escalationRaised': {
      const e = data.escalation ?? {};
      return `${levelLabel[e.level] ?? ''}${e.jurisdictionName ?? ''}：${e.reason ?? ''}`;
    }
    case 'escalationAcknowledged':
      return data.comment ? `签收意见：${data.comment}` : '';
    case 'escalationPassedUp':
      return `已上报至${data.toJurisdictionName ?? '上一级'}`;
    case 'escalationReminded':
      return data.leader ? `提醒 ${data.leader}` : '';
    case 'escalationCapped':
      return `${data.reason ?? ''}（止于${levelLabel[data.ceiling] ?? data.ceiling}）`;
    case 'leaderCheckedIn':
      return `${data.leader}${data.title ? ` ${data.title}` : ''}（${levelLabel[data.level] ?? data.level}），距现场 ${distance(data.distanceMeters ?? 0)}${data.note ? `：${data.note}` : ''}`;
    case 'reportSubmitted':
      return `${reportKindLabel[data.kind] ?? data.kind}：${data.text ?? ''}`;
    case 'approvalRequested':
      return `${gateLabel[data.gate] ?? data.gate}：${data.reason ?? ''}`;
    case 'approvalDecided':
      return `${gateLabel[data.gate] ?? data.gate} ${data.approved ? '批准' : '拒绝'}（${data.approver}）：${data.reason ?? ''}`;
    case 'measureRecorded':
      return `${gateLabel[data.gate] ?? data.gate}：${data.note ?? ''}`;
    default:
      return describeCaseControl(entry, callsignOf) ?? describeInstruction(entry) ?? '';
  }
}
