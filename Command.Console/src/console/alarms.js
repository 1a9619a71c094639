// The console's alarms (shared/alarm.js) fed from the store: new calls, 派警超时, 请求增援 and golden-window breaches.
import { createAlarm, watchIncidents } from '../shared/alarm.js';

export function startConsoleAlarms(store) {
  const alarm = createAlarm({ page: 'console' });
  const watch = watchIncidents(alarm);
  store.on('reset', () => watch.snapshot([...store.incidents.values()]));
  store.on('incident', (incident) => {
    // The console's own 接警登记 upserts the new call and selects it in the same turn; that one is not an alarm.
    queueMicrotask(() => watch.incident(incident, { own: store.selectedIncidentId === incident.id }));
  });
  store.on('milestone', (event) => watch.milestone(event));
  return alarm;
}
