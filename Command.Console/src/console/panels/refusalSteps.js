// The next step a refusal offers, as a button beside it. The server says what the step is in the problem's
// `nextStep` (Command.Abstractions/Runtime/NextSteps.cs): a 4th team on a mass incident needs the 慎用警力 approval
// (需审批 → 申请审批), a team that is no longer free calls for another one (换一支). The detail has already said why in
// words; the button only saves the officer from finding the step elsewhere on the panel.
import { ApiError, post } from '../../shared/api.js';
import { h } from '../../shared/dom.js';
import { gateLabel } from '../../shared/labels.js';

/** The nextStep of a failed call, or null: { action, gate? }. */
export function nextStepOf(error) {
  return error instanceof ApiError && error.problem?.nextStep?.action ? error.problem.nextStep : null;
}

/**
 * The button for a refusal's next step, or null when it offers none the console knows.
 * `what` is the refused action in words (派警（冠县车巡4组）), for the approval's reason; `say(message)` shows the
 * outcome in the panel's message line; `refreshTeams()` reloads the recommendations.
 */
export function nextStepButton(step, { incidentId, what, say, refreshTeams }) {
  if (!step) return null;
  if (step.action === 'requestApproval' && step.gate) {
    const button = h('button', {
      class: 'small next-step request-approval-now', dataset: { gate: step.gate },
      onClick: async () => {
        button.disabled = true;
        try {
          await post(`/api/incidents/${encodeURIComponent(incidentId)}/approvals`,
            { gate: step.gate, reason: `${what}须经领导批准（${gateLabel[step.gate] ?? '三个慎用'}），由值班员申请` });
          await say({ error: false, text: '已申请审批，等待领导审批' });
        } catch (e) {
          button.disabled = false;
          await say({ error: true, text: `申请审批失败：${e instanceof ApiError ? e.message : e}` });
        }
      },
    }, '申请审批');
    return button;
  }
  if (step.action === 'pickAnotherTeam') {
    return h('button', {
      class: 'small next-step pick-another-team',
      onClick: async () => {
        await refreshTeams();
        await say({ error: false, text: '已刷新推荐警力，请另选一支待命的警力' });
      },
    }, '换一支');
  }
  return null;
}
