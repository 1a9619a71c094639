using Command.Silo.Access;

namespace Command.Silo.Escalation;

/// <summary>
/// A check-in or a decision is always the signed-in leader's own. Clients written before sign-in still send a name;
/// one that is the leader's own (display name, username, or as the timeline writes it) is accepted, anything else refused.
/// </summary>
public static class SignedInLeader
{
    public static bool IsNamedBy(Caller caller, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return true;
        }
        string given = name.Trim();
        return given == caller.DisplayName || given == caller.Subject || given == caller.Actor || given == $"{caller.DisplayName}({caller.Subject})";
    }

    public static string Refusal(Caller caller, string what) =>
        $"names someone other than the leader signed in, {caller.DisplayName} ({caller.Subject}): {what} is always the signed-in leader's own, " +
        "and cannot be made in another's name. Leave it out.";
}
