// 系统管理 at /admin: accounts, patrol terminals' tokens, the credentials in use and today's audit journal. An
// administrator sees and manages only what lies within their own jurisdiction (the server scopes every list);
// they see no incidents. Every table is built from text nodes: a user's name or a label may contain anything.
import { get } from '../shared/api.js';
import { byId } from '../shared/dom.js';
import { showSignedIn } from '../shared/session.js';
import { countyOf } from '../shared/labels.js';
import { createUsers } from './users.js';
import { createDeviceTokens } from './deviceTokens.js';
import { createCredentials } from './credentials.js';
import { createAudit } from './audit.js';
import { createShifts } from './shifts.js';
import { pageMessage } from '../shared/pageMessage.js';

const say = pageMessage(6000);

/** The jurisdictions an account can be bound to (the admin's own and the counties below it), and the teams. */
async function referenceData(user) {
  const [cities, counties, teams] = await Promise.all([
    get('/api/jurisdictions?level=city'), get('/api/jurisdictions?level=county'), get('/api/teams')]);
  const names = new Map([...cities, ...counties].map((j) => [j.id, j.name]));
  names.set(user.jurisdictionId, user.jurisdictionName);
  const atCity = cities.some((c) => c.id === user.jurisdictionId);
  const choices = [
    ...cities.filter((c) => c.id === user.jurisdictionId),
    ...counties.filter((c) => atCity || c.id === user.jurisdictionId),
  ];
  if (!choices.some((c) => c.id === user.jurisdictionId)) choices.unshift({ id: user.jurisdictionId, name: user.jurisdictionName });
  return {
    jurisdictions: choices,
    jurisdictionName: (id) => names.get(id) ?? names.get(countyOf(id)) ?? id,
    teams,
    team: (id) => teams.find((t) => t.id === id),
  };
}

async function main() {
  const user = await showSignedIn(byId('user-box'));
  const reference = await referenceData(user);
  const credentials = createCredentials(byId('credentials'), { reference, say, onChange: () => audit.reload() });
  const audit = createAudit(byId('audit'), { say });
  createUsers(byId('users'), byId('create-user'), { user, reference, say, onChange: () => Promise.all([credentials.reload(), audit.reload()]) });
  createDeviceTokens(byId('device-token'), { reference, say, onIssued: () => Promise.all([credentials.reload(), audit.reload()]) });
  const shifts = createShifts(byId('shifts'), { reference, say });
  await shifts.ready;
  await Promise.all([credentials.reload(), audit.reload()]);
  ready = true;
}

let ready = false;
// Read-only hooks for the browser tests.
window.__admin = Object.freeze({ get ready() { return ready; } });

main().catch((e) => {
  console.error(e);
  say(`系统管理页面启动失败：${e.message}`, true);
});
