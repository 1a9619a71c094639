using System.Globalization;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Access.Api;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>Accounts, credentials and the audit journal. An administrator manages only accounts inside their own
/// jurisdiction; the city's administrator manages all.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Administration").RequireAuthorization(AccessPolicies.Administer);

        users.MapGet("/", async (Caller caller, IGrainFactory grains, AccessScope scope) =>
            (await grains.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List()).Where(u => scope.Covers(caller, u.JurisdictionId)).ToList())
            .WithSummary("The accounts within the administrator's jurisdiction");

        users.MapPost("/", async (CreateUserRequest request, Caller caller, HttpContext http, IGrainFactory grains, AccessScope scope, JurisdictionMap map,
            TeamRegistry teams, PasswordPolicy passwords, AuditTrail audit) =>
        {
            string username = Usernames.Normalize(request.Username);
            Role? role = request.Role is { } r && r.All(char.IsAsciiLetter) && Enum.TryParse<Role>(r, true, out var parsed) && parsed != Role.Device ? parsed : null;
            new Validation()
                .Require(Usernames.IsValid(username), "username", "应为3到32个小写字母、数字、点、下划线或连字符，并以字母或数字开头。")
                .Name(request.DisplayName, 32, "displayName")
                .Require(role is not null, "role", "只能是值班员、巡防队长、领导、联动单位或管理员。")
                .Require(request.JurisdictionId is not null && map.Find(request.JurisdictionId) is not null, "jurisdictionId", "不是已有的辖区，请从辖区列表中选择。")
                .Require(role != Role.PatrolLeader || (request.TeamId is not null && teams.Find(request.TeamId) is not null), "teamId", "必须选择：巡防队长要选定所带的巡防队。")
                .Require(role == Role.PatrolLeader || request.TeamId is null, "teamId", "只有巡防队长账号才选择巡防队。")
                .Require(role != Role.Department || DepartmentKinds.IsKnown(request.Department), "department",
                    $"必须选择：联动单位账号要选定单位类别（{string.Join("、", DepartmentKinds.All.Select(k => k.Name))}）。")
                .Require(role == Role.Department || request.Department is null, "department", "只有联动单位账号才选择单位类别。")
                .ThrowIfInvalid();
            passwords.Validate(request.Password, "password", username);
            scope.RequireCovers(caller, request.JurisdictionId!, "该账号");
            if (role == Role.PatrolLeader)
            {
                scope.RequireCovers(caller, teams.Find(request.TeamId!)!.JurisdictionId, "该巡防队");
            }
            var user = await grains.GetGrain<IUserGrain>(username)
                .Create(new UserProfile(request.DisplayName!.Trim(), role!.Value, request.JurisdictionId!, request.TeamId, request.Department), request.Password!, caller.Actor);
            audit.Write(AuditKinds.UserChanged, http, caller, $"created {username} as {Caller.RoleName(user.Role)} of {user.JurisdictionId}");
            return Results.Created($"/api/users/{username}", user);
        }).WithSummary("Open an account");

        users.MapPost("/{username}/password", async (string username, SetPasswordRequest request, Caller caller, HttpContext http, IGrainFactory grains,
            AccessScope scope, Credentials credentials, PasswordPolicy passwords, AuditTrail audit) =>
        {
            var user = await ManagedUser(username, caller, grains, scope);
            passwords.Validate(request.Password, "password", user.Username);
            // The grain refuses the password the user already has (PasswordPolicy.SameAsCurrent), before anything is revoked.
            var updated = await grains.GetGrain<IUserGrain>(user.Username).SetPassword(request.Password!, caller.Actor);
            var revoked = await credentials.RevokeAllOfAsync(user.Username, caller.Actor);
            audit.Write(AuditKinds.UserChanged, http, caller, $"reset the password of {user.Username}; {revoked.Count} credentials revoked");
            return updated;
        }).WithSummary("Reset a user's password; their sessions and tokens are revoked");

        foreach (var (path, disabled) in new[] { ("disable", true), ("enable", false) })
        {
            users.MapPost("/{username}/" + path, async (string username, Caller caller, HttpContext http, IGrainFactory grains, AccessScope scope,
                Credentials credentials, IHostEnvironment environment, AuditTrail audit) =>
            {
                var user = await ManagedUser(username, caller, grains, scope);
                if (user.Username == caller.Subject)
                {
                    throw CommandRejectedException.Conflict("管理员不能停用或启用自己的账号，请由另一位管理员办理。");
                }
                // A disabled demo account is what lets a real deployment start on a demo's data; enabled, anyone could sign in as it.
                if (!disabled && !Demo.DemoUsers.AllowedIn(environment) && await grains.GetGrain<IUserGrain>(user.Username).HasDemoPassword())
                {
                    throw CommandRejectedException.Conflict(
                        $"账号{user.Username}仍在使用公开的演示密码；请先为它重设密码，再启用。");
                }
                var updated = await grains.GetGrain<IUserGrain>(user.Username).SetDisabled(disabled, caller.Actor);
                // The terminal tokens the user issued go with the account: whoever withdrew it no longer vouches for
                // them. A password reset keeps them, since the terminals hold their own secrets (see the README).
                var revoked = disabled ? await credentials.RevokeAllOfAsync(user.Username, caller.Actor, andTerminalsIssued: true) : [];
                int terminals = revoked.Count(c => c.Kind == CredentialKind.Device);
                audit.Write(AuditKinds.UserChanged, http, caller, $"{path}d {user.Username}; {revoked.Count} credentials revoked, {terminals} of them terminal tokens they issued");
                return updated;
            }).WithSummary(disabled ? "Disable an account; its sessions and tokens stop working at once" : "Enable an account again");
        }

        var credentialsGroup = app.MapGroup("/api/credentials").WithTags("Administration").RequireAuthorization(AccessPolicies.Administer);

        credentialsGroup.MapGet("/", async (string? subject, Caller caller, Credentials credentials, AccessScope scope) =>
            (await credentials.ListAsync()).Where(c => scope.Covers(caller, c.JurisdictionId) && (subject is null || c.Subject == subject)).ToList())
            .WithSummary("Sessions and tokens that have not expired, revoked ones included; no secrets");

        credentialsGroup.MapPost("/{id}/revoke", async (string id, Caller caller, HttpContext http, Credentials credentials, AccessScope scope, AuditTrail audit) =>
        {
            var credential = credentials.Find(id) is { } c && scope.Covers(caller, c.JurisdictionId) ? c
                : throw CommandRejectedException.NotFound("您的辖区内没有这个登录凭据，可能已过期；请刷新列表后重试。");
            var revoked = await credentials.RevokeAsync(credential.Id, caller.Actor);
            audit.Write(AuditKinds.TokenRevoked, http, caller, $"revoked {credential.Kind} {credential.Id} of {credential.Subject}");
            return revoked;
        }).WithSummary("Revoke a session or token; it stops working at once");

        app.MapPost("/api/teams/{id}/device-tokens", async (string id, DeviceTokenRequest? request, Caller caller, HttpContext http, AccessScope scope,
            Credentials credentials, AuditTrail audit, IOptions<AccessOptions> options) =>
        {
            var team = scope.Team(caller, id);
            new Validation().Name(request?.Label, 100, "label", required: false).ThrowIfInvalid();
            var (device, refusal) = await credentials.IssueDeviceAsync(team, caller, string.IsNullOrWhiteSpace(request?.Label) ? null : request.Label.Trim());
            if (refusal is { RetryAfter: { } wait })
            {
                int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                audit.Write(AuditKinds.Refused, http, caller, $"terminal tokens rate limited: {refusal.IssuedInWindow} issued in the last hour; retry after {seconds} s");
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁",
                    detail: $"您在过去一小时内已签发 {refusal.IssuedInWindow} 个终端令牌，已达每人每小时 {options.Value.DeviceTokensPerIssuerPerHour} 个的上限；请在 {seconds} 秒后再试。");
            }
            if (refusal is not null)
            {
                string tokens = string.Join("；", refusal.TeamTokens.Select(c =>
                    $"{c.Label ?? "无说明"}（{Wording.Time(c.IssuedAt)}由{Wording.Person(c.IssuedBy)}签发）"));
                throw CommandRejectedException.Conflict(
                    $"巡防队{team.Callsign}已有{refusal.TeamTokens.Count}个有效的终端令牌，达到每队{options.Value.DeviceTokensPerTeam}个的上限：{tokens}。" +
                    "请先在登录凭据列表中吊销不再使用的终端令牌，再签发新的。");
            }
            audit.Write(AuditKinds.TokenIssued, http, caller, $"terminal token {device!.CredentialId} for team {team.Id}");
            return Results.Created($"/api/credentials/{device.CredentialId}", credentials.Response(device));
        }).WithTags("Patrol teams").RequireAuthorization(AccessPolicies.ManageTeams)
            .WithSummary("Issue a patrol terminal's token: it may report this team's positions and status, nothing else; at most Access:DeviceTokensPerTeam active per team");

        app.MapPost("/api/teams/{id}/device-tokens/{tokenId}/revoke", async (string id, string tokenId, Caller caller, HttpContext http, AccessScope scope,
            Credentials credentials, AuditTrail audit) =>
        {
            var team = scope.Team(caller, id);
            var credential = credentials.Find(tokenId) is { Kind: CredentialKind.Device } c && c.TeamId == team.Id ? c
                : throw CommandRejectedException.NotFound($"巡防队{team.Callsign}没有这个终端令牌，可能已被吊销；请刷新列表后重试。");
            var revoked = await credentials.RevokeAsync(credential.Id, caller.Actor);
            audit.Write(AuditKinds.TokenRevoked, http, caller, $"revoked terminal token {credential.Id} of team {team.Id}");
            return revoked;
        }).WithTags("Patrol teams").RequireAuthorization(AccessPolicies.ManageTeams)
            .WithSummary("Revoke one of a team's terminal tokens (a lost or retired terminal); it stops working at once");

        app.MapGet("/api/audit", async (string? date, string? kind, string? who, int? limit, Caller caller, IGrainFactory grains, AccessScope scope, TimeProvider time) =>
        {
            DateOnly day = default;
            new Validation()
                .Require(date is null || DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day), "date", "应写成年-月-日，如2026-03-01。")
                .Require(limit is null or >= 1 and <= 5000, "limit", "应在1到5000之间。")
                .ThrowIfInvalid();
            string key = date is null ? AuditTrail.DayKey(time.GetUtcNow()) : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var entries = await grains.GetGrain<IAuditLogGrain>(key).Read();
            // Entries with no jurisdiction (failed sign-ins of unknown names) belong to the city's administrators.
            return entries
                .Where(e => e.JurisdictionId is { } j ? scope.Covers(caller, j) : caller.JurisdictionId == JurisdictionMap.CityId)
                .Where(e => kind is null || e.Kind == kind)
                .Where(e => who is null || e.Who == who)
                .Reverse()
                .Take(limit ?? 500)
                .ToList();
        }).WithTags("Administration").RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("The audit journal of one day (UTC), newest first: sign-ins, failures, refusals, token use");

        return app;
    }

    private static async Task<UserView> ManagedUser(string username, Caller caller, IGrainFactory grains, AccessScope scope)
    {
        string name = Usernames.Normalize(username);
        return Usernames.IsValid(name) && await grains.GetGrain<IUserGrain>(name).Get() is { } user && scope.Covers(caller, user.JurisdictionId)
            ? user
            : throw CommandRejectedException.NotFound("您的辖区内没有这个账号，请核对用户名后重试。");
    }
}
