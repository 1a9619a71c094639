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
        $"填的不是当前登录的领导{caller.DisplayName}：{what}只能由登录的领导本人进行，不能以他人名义进行；请不要填写，系统会自动记为本人。";
}
