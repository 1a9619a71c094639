// Owns the SignalR connection to /hubs/command. It reconnects for ever with backoff, and after every (re)connect
// asks its owner to re-sync over HTTP, because events sent while the connection was down are lost for good.
// The state (connecting, connected, reconnecting) is reported on every change so the page can always show it.
// A 401 is the one answer not worth retrying: the session is gone, so the page goes to the sign-in form.
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { goToLogin } from './api.js';

const delays = [0, 1000, 2000, 3000, 5000];
const maxDelay = 10000;

function backoff(attempt) {
  const base = attempt < delays.length ? delays[attempt] : maxDelay;
  // Jitter keeps a room full of consoles from hammering a restarted silo in the same millisecond.
  return base === 0 ? 0 : base + Math.floor(Math.random() * 500);
}

/** The negotiate request was refused for want of a valid session. SignalR wraps the HttpError of a failed negotiate
 * in an error that keeps only its text ("… Status code '401'"). */
function signedOut(error) {
  return error?.statusCode === 401 || /Status code '401'/.test(error?.message ?? '');
}

/**
 * handlers: { IncidentChanged, TeamsMoved, TeamStatusChanged, MilestoneChanged } (any subset);
 * onState(state, info): state is 'connecting' | 'connected' | 'reconnecting';
 * resync(): called after each successful (re)connect, before live events are trusted again.
 */
export function connectHub({ handlers, onState, resync }) {
  const connection = new HubConnectionBuilder()
    .withUrl('/hubs/command')
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (ctx) => {
        if (signedOut(ctx.retryReason)) {
          goToLogin();
          return null;
        }
        return backoff(ctx.previousRetryCount);
      },
    })
    .configureLogging(LogLevel.Warning)
    .build();
  // Three of the server's 5 s pings (Command.Silo sets KeepAliveInterval): a dead link shows within 15 s, a slow one does not.
  connection.serverTimeoutInMilliseconds = 15000;
  connection.keepAliveIntervalInMilliseconds = 5000;

  for (const [name, fn] of Object.entries(handlers)) connection.on(name, fn);

  let state = 'connecting';
  let attempt = 0;
  const setState = (next, info) => {
    state = next;
    onState?.(next, info ?? {});
  };

  // A failed re-sync (the silo still starting, a proxy hiccup) is retried while the connection holds: a console
  // that shows "connected" must not sit on a picture it never managed to fetch.
  const synced = async () => {
    setState('connected', {});
    for (let failures = 0; connection.state === HubConnectionState.Connected; failures++) {
      try {
        await resync?.();
        return;
      } catch (e) {
        console.warn('re-sync failed', e);
        await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 1000 * 2 ** failures)));
      }
    }
  };

  connection.onreconnecting((error) => setState('reconnecting', { error: error?.message }));
  connection.onreconnected(() => synced());
  // Automatic reconnect never gives up with our policy, but a connection that never got going, or one the server
  // closed outright, ends here; start over.
  connection.onclose(() => start());

  let starting = false;
  async function start() {
    if (starting) return;
    starting = true;
    for (;;) {
      setState(attempt === 0 ? 'connecting' : 'reconnecting', { attempt });
      try {
        await connection.start();
        attempt = 0;
        starting = false;
        await synced();
        return;
      } catch (e) {
        if (signedOut(e)) {
          goToLogin();
          starting = false;
          return;
        }
        attempt++;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1000, backoff(attempt))));
      }
    }
  }

  start();
  return { get state() { return state; }, connection };
}
