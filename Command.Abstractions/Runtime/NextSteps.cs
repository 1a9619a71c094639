namespace Command.Abstractions.Runtime;

/// <summary>
/// The next steps a refusal can offer, as <c>nextStep.action</c> in the problem+json answer. A page that knows the action
/// shows it as a button beside the refusal; one that does not shows the detail alone, which says the same in words.
/// </summary>
public static class NextSteps
{
    /// <summary>A 三个慎用 gate needs a leader's approval and none is pending: request it (POST /api/incidents/{id}/approvals with the gate).</summary>
    public const string RequestApproval = "requestApproval";

    /// <summary>The approval has been requested and a leader has not decided yet: nothing to do but wait.</summary>
    public const string AwaitApproval = "awaitApproval";

    /// <summary>The team chosen is not free (busy, off duty, gone): pick another one from fresh recommendations.</summary>
    public const string PickAnotherTeam = "pickAnotherTeam";
}
