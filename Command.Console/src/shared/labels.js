// The words duty officers and patrol leaders use, for the camelCase values of the API.

export const incidentStatusLabel = {
  received: '接警',
  dispatched: '派警',
  onScene: '到场',
  handling: '处置',
  closed: '办结',
};
export const incidentStatusOrder = ['received', 'dispatched', 'onScene', 'handling', 'closed'];

export const teamStatusLabel = {
  available: '待命',
  dispatched: '已派警',
  enRoute: '出警途中',
  onScene: '到场处置',
  returning: '返回途中',
  offDuty: '下勤',
};
export const teamStatusOrder = ['available', 'dispatched', 'enRoute', 'onScene', 'returning', 'offDuty'];

/** Status colours, shared by the map icons and the status board so that both say the same thing. */
/** Team colours share no hue with the severity colours (red, orange, yellow, blue), so that on the map a team on
 * scene is never read as a level I incident, nor a team on its way as a level IV one. */
export const teamStatusColour = {
  available: '#2e7d32',
  dispatched: '#00897b',
  enRoute: '#7b1fa2',
  onScene: '#5d4037',
  returning: '#9e9d24',
  offDuty: '#757575',
};
export const staleColour = '#9e9e9e';

export const teamModeLabel = { vehicle: '车巡', foot: '步巡', checkpoint: '卡点', motorcycle: '摩巡' };
/** One character per mode, drawn inside the map icon. */
export const teamModeGlyph = { vehicle: '车', foot: '步', checkpoint: '卡', motorcycle: '摩' };

export const incidentTypeLabel = {
  criminal: '刑事',
  publicOrder: '治安',
  traffic: '交通',
  fire: '火灾',
  medical: '医疗急救',
  dispute: '矛盾纠纷',
  massIncident: '群体性事件',
  hazmat: '危爆物品',
  workSafety: '安全生产',
  other: '其他',
};
export const incidentTypeGlyph = {
  criminal: '刑', publicOrder: '治', traffic: '交', fire: '火', medical: '医',
  dispute: '纠', massIncident: '群', hazmat: '危', workSafety: '安', other: '他',
};

export const channelLabel = { 110: '110 报警', 119: '119 火警', 120: '120 急救', 122: '122 交通事故' };

export const severityLabel = { 1: 'I级 特别重大', 2: 'II级 重大', 3: 'III级 较大', 4: 'IV级 一般' };
export const severityRoman = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };
/** The national warning colours: red, orange, yellow, blue. */
export const severityColour = { 1: '#c62828', 2: '#ef6c00', 3: '#f9a825', 4: '#1565c0' };

/** The level a type gets when the call-taker picks none (mirrors Severity.DefaultFor on the server). */
export function defaultSeverity(type) {
  if (type === 'massIncident' || type === 'hazmat') return 2;
  if (type === 'criminal' || type === 'fire' || type === 'workSafety') return 3;
  return 4;
}

export const timelineKindLabel = {
  received: '接警登记',
  teamAssigned: '派警',
  teamStatus: '警力状态',
  teamReleased: '警力解除',
  statusChanged: '警情状态',
  dispatchOverdue: '派警超时',
  transferRequested: '转警',
  transferSigned: '转警签收',
  transferRefused: '转警退回',
  transferOverdue: '转警签收超时',
};

export const milestoneStateLabel = { pending: '计时中', met: '已达成', breached: '已超时' };

/** 1小时02分 / 3分05秒 / 12秒: how long something has been going on. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}小时${String(m).padStart(2, '0')}分`;
  if (m > 0) return `${m}分${String(s).padStart(2, '0')}秒`;
  return `${s}秒`;
}

/** mm:ss (or h:mm:ss) for countdowns, which must be readable at a glance. */
export function clockSpan(ms) {
  const total = Math.max(0, Math.round(Math.abs(ms) / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

// Every time on the pages is Beijing time, whatever zone the browser's machine is set to: the deadlines and the
// case numbers are Chinese local time, and a console in a UTC-configured browser must not show UTC.
const CHINA = 'Asia/Shanghai';
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: CHINA, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit' });
const calendar = new Intl.DateTimeFormat('zh-CN', { timeZone: CHINA, year: 'numeric', month: 'numeric', day: 'numeric' });

export function timeOfDay(iso) {
  if (!iso) return '';
  return clock.format(new Date(iso));
}

/** A time of day, with the date in front when it is not today's (a 24-hour deadline, say). */
export function timeWithDay(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const now = Date.now();
  const day = dayKey.format(d);
  const time = clock.format(d);
  if (day === dayKey.format(now)) return time;
  if (day === dayKey.format(now + 86_400_000)) return `次日 ${time}`;
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日 ${time}`;
}

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${calendar.format(d)} ${clock.format(d)}`;
}

export function distance(meters) {
  return meters >= 1000 ? `${(meters / 1000).toFixed(1)} 公里` : `${Math.round(meters)} 米`;
}

/** The county a jurisdiction id belongs to: ids are {county}-t{NN}-v{NN}-g{NN} below the six-digit county code. */
export function countyOf(jurisdictionId) {
  return jurisdictionId ? jurisdictionId.slice(0, 6) : '';
}

/** Whether a place lies in a jurisdiction (a city holds every county; below a county, ids extend their parent's:
 * 371525-t01-v01 is in 371525-t01). */
export function isWithin(jurisdiction, jurisdictionId) {
  if (!jurisdiction?.id || !jurisdictionId) return false;
  return jurisdiction.level === 'city' || jurisdictionId === jurisdiction.id || jurisdictionId.startsWith(`${jurisdiction.id}-`);
}

// Mass incidents (群体性事件): causes, escalation levels and triggers, the 三个慎用 gates, reports.
export const massCauseLabel = {
  landAcquisition: '征地拆迁',
  labourDispute: '劳资纠纷',
  environment: '环境',
  petitioning: '信访',
  other: '其他',
};
export const massCauseOrder = ['landAcquisition', 'labourDispute', 'environment', 'petitioning', 'other'];

export const levelLabel = { city: '市级', county: '县级', township: '乡镇（街道）', village: '村（社区）', grid: '网格' };
/** Higher first: city > county > township > village. */
export const levelRank = { city: 0, county: 1, township: 2, village: 3, grid: 4 };

export const escalationTriggerLabel = {
  milestoneBreached: '节点超时',
  crowdGrowth: '聚集人数增加',
  severityUpgrade: '等级提升',
  unacknowledged: '逾期未签收',
  repeatedIncidents: '矛盾激化（同类警情反复）',
  leaderDecision: '领导决定提级',
  reportOverdue: '重大案件报告逾期',
};

export const gateLabel = { policeForce: '慎用警力', coerciveMeasures: '慎用强制措施', weapons: '慎用警械和武器' };
export const gateOrder = ['policeForce', 'coerciveMeasures', 'weapons'];
export const approvalStateLabel = { none: '未申请', pending: '待审批', approved: '已批准', refused: '已拒绝' };

export const reportKindLabel = { countyInformed: '电话报告县级', informationReport: '向市级信息报送', writtenReport: '书面报告', inquiryReport: '调查处理报告' };

Object.assign(timelineKindLabel, {
  backupRequested: '请求增援',
  massDeclared: '升级群体性事件',
  crowdRevised: '聚集人数',
  severityChanged: '级别变更',
  milestoneDue: '节点临近',
  milestoneMet: '节点达成',
  milestoneBreached: '节点超时',
  escalationRaised: '升级督办',
  escalationReminded: '督办提醒',
  escalationClimbed: '督办上移',
  escalationPassedUp: '督办已上报',
  escalationAcknowledged: '督办签收',
  escalationCapped: '升级封顶',
  leaderCheckedIn: '领导到场',
  reportSubmitted: '报告报送',
  approvalRequested: '申请审批',
  approvalDecided: '审批决定',
  measureRecorded: '措施记录',
  farArrivalConfirmed: '远距离确认到场',
  arrivalVerified: '到场核实',
  fieldReport: '处警反馈',
});

// Sign-in and administration.
export const roleLabel = { dutyOfficer: '值班员', patrolLeader: '巡防队长', leader: '领导', admin: '管理员', device: '巡防终端' };
/** The roles an administrator can give an account (a terminal gets a token, not an account). */
export const accountRoles = ['dutyOfficer', 'patrolLeader', 'leader', 'admin'];
export const credentialKindLabel = { session: '浏览器会话', token: '访问令牌', device: '终端令牌' };
export const auditKindLabel = {
  signIn: '登录',
  signInFailed: '登录失败',
  signInThrottled: '登录受限',
  signOut: '退出',
  refused: '拒绝访问',
  tokenIssued: '签发令牌',
  tokenUsed: '使用令牌',
  tokenRefused: '令牌被拒',
  tokenRevoked: '吊销凭据',
  userChanged: '账号变更',
};

/** The Beijing calendar day of a time, as yyyy-MM-dd. */
export function chinaDay(time) {
  return dayKey.format(time instanceof Date ? time : new Date(time));
}

/** How a person the server names appears on a page: 值班员:王磊(gx.duty) → 王磊. */
export function personName(actor) {
  const m = /^[^:：]+[:：]([^(（]+)/.exec(actor ?? '');
  return m ? m[1].trim() : actor ?? '';
}

/** An escalation still waiting for its leader: not signed for, not ended with its case, not passed up (已上报). */
export function isOpenEscalation(e) {
  return !e.acknowledgedAt && !e.resolvedAt && !e.passedUpAt;
}

// 矛盾纠纷台账's terms, as the server's DisputeTerms has them.
export const disputeCauseLabel = { neighbour: '邻里纠纷', marriageFamily: '婚姻家庭', landContract: '土地承包', homestead: '宅基地', labour: '劳资纠纷',
  landAcquisition: '征地拆迁', medical: '医疗纠纷', property: '物业纠纷', other: '其他' };
export const disputeBodyLabel = { mediation: '人民调解（公调对接）', petition: '信访（访调对接）', court: '法院（诉调对接）' };
export const disputePartyRoleLabel = { applicant: '申请人', respondent: '被申请人', party: '当事人' };
