// The names a duty officer or leader may hand work to (GET /api/colleagues), as a <datalist> for the username boxes
// of 督办 and 对接: typing 何 or 司法所 offers 何平 and 冠城关司法所 with their usernames. Fetched once per page.
import { get } from './api.js';
import { h } from './dom.js';
import { roleLabel } from './labels.js';

const listId = 'colleague-list';
let loading = null;

/** The id of the page's colleague datalist, filled in the background; a failed fetch leaves the box plain. */
export function colleagueListId() {
  if (!loading) {
    const list = h('datalist', { id: listId });
    document.body.append(list);
    loading = get('/api/colleagues').then((people) => {
      list.append(...people.map((p) => h('option', { value: p.username },
        `${p.displayName} · ${p.role === 'department' ? '联动单位' : roleLabel[p.role] ?? p.role} · ${p.jurisdictionName}`)));
    }).catch(() => {});
  }
  return listId;
}
