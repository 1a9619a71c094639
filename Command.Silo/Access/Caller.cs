using System.Security.Claims;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;

namespace Command.Silo.Access;

/// <summary>
/// The signed-in principal of a request, read from its claims. Endpoints take it as a parameter; it names the actor
/// on the timeline, so nobody can write in another person's name.
/// </summary>
public sealed record Caller(string Subject, string DisplayName, Role Role, string JurisdictionId, string? TeamId, string CredentialId, CredentialKind Kind)
{
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";
    public const string JurisdictionClaim = "jurisdiction";
    public const string TeamClaim = "team";
    public const string CredentialClaim = "cid";
    public const string KindClaim = "kind";

    /// <summary>How the caller appears on timelines: 值班员:王磊(gx.duty).</summary>
    public string Actor => Role == Role.Device ? $"{RoleLabel(Role)}:{DisplayName}" : $"{RoleLabel(Role)}:{DisplayName}({Subject})";

    public static string RoleName(Role role) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    public static string RoleLabel(Role role) => role switch
    {
        Role.DutyOfficer => "值班员",
        Role.PatrolLeader => "巡防队长",
        Role.Leader => "领导",
        Role.Admin => "管理员",
        Role.Device => "巡防终端",
        Role.Department => "联动单位",
        _ => role.ToString(),
    };

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(SubjectClaim, Subject),
            new(NameClaim, DisplayName),
            new(RoleClaim, RoleName(Role)),
            new(JurisdictionClaim, JurisdictionId),
            new(CredentialClaim, CredentialId),
            new(KindClaim, Kind.ToString()),
        };
        if (TeamId is not null)
        {
            claims.Add(new Claim(TeamClaim, TeamId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, NameClaim, RoleClaim));
    }

    public static Caller? TryFrom(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirst(SubjectClaim)?.Value is not { } subject
            || user.FindFirst(CredentialClaim)?.Value is not { } credential
            || user.FindFirst(JurisdictionClaim)?.Value is not { } jurisdiction
            || !Enum.TryParse<Role>(user.FindFirst(RoleClaim)?.Value, ignoreCase: true, out var role)
            || !Enum.TryParse<CredentialKind>(user.FindFirst(KindClaim)?.Value, out var kind))
        {
            return null;
        }
        return new Caller(subject, user.FindFirst(NameClaim)?.Value ?? subject, role, jurisdiction, user.FindFirst(TeamClaim)?.Value, credential, kind);
    }

    /// <summary>Minimal API binding: every endpoint behind the authorization policies has a caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Caller?>(TryFrom(context.User) ?? throw CommandRejectedException.Forbidden("无法确认您的身份，请重新登录。"));
}
