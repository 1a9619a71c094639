using Command.Abstractions.Access;
using Microsoft.AspNetCore.Authorization;

namespace Command.Silo.Access;

/// <summary>
/// The role half of the access matrix: which roles may call which endpoints. The jurisdiction half (a 冠县 user sees
/// only 冠县 and below; a patrol leader acts only for their own team) is checked by <see cref="AccessScope"/> inside the
/// endpoints, because it depends on the thing being touched. The README's table is this class plus those checks.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Jurisdictions, boundaries, cameras and checkpoints.</summary>
    public const string ReadMap = "read-map";

    /// <summary>Patrol teams (a terminal reads only its own).</summary>
    public const string ReadTeams = "read-teams";

    /// <summary>Positions and status of a team: its terminal, its leader, or a duty officer relaying a radio report.</summary>
    public const string ReportForTeam = "report-for-team";

    /// <summary>请求增援: only the team itself.</summary>
    public const string TeamBackup = "team-backup";

    /// <summary>Commissioning teams and issuing their terminals' tokens.</summary>
    public const string ManageTeams = "manage-teams";

    /// <summary>Incidents, their timelines; a patrol leader or terminal only the one their team is assigned to.</summary>
    public const string ReadIncidents = "read-incidents";

    /// <summary>Receiving calls, dispatching and closing: the duty officer's work.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>处置 begins: the duty officer or the team on scene.</summary>
    public const string Handling = "handling";

    /// <summary>Running a case: recommendations, mass incidents, crowd and severity, reports, asking for approval,
    /// recording measures, and reading escalations.</summary>
    public const string Command = "command";

    /// <summary>What only leaders do: 签收 and 提级 escalations, decide 三个慎用 gates, check in on scene.</summary>
    public const string Lead = "lead";

    /// <summary>统计研判 and the 考核 scorecard of the caller's jurisdiction: leaders and duty officers.</summary>
    public const string Statistics = "statistics";

    /// <summary>Users, credentials and the audit journal.</summary>
    public const string Administer = "administer";

    /// <summary>联动单位: the cases a department is called into, its 签收 and 反馈, and nothing else.</summary>
    public const string DepartmentWork = "department-work";

    /// <summary>The live feed (a patrol leader or terminal hears only its own team and that team's incident).</summary>
    public const string Console = "console";

    /// <summary>签收 and the result of a dispute's 对接: its receiver, a duty officer, a leader or a 联动单位 (司法所, 信访局, 法院).</summary>
    public const string DisputeReceiving = "dispute-receiving";

    public static IReadOnlyDictionary<string, Role[]> Roles { get; } = new Dictionary<string, Role[]>
    {
        [ReadMap] = [Role.DutyOfficer, Role.PatrolLeader, Role.Leader, Role.Admin],
        [ReadTeams] = [Role.DutyOfficer, Role.PatrolLeader, Role.Leader, Role.Admin, Role.Device],
        [ReportForTeam] = [Role.DutyOfficer, Role.PatrolLeader, Role.Device],
        [TeamBackup] = [Role.PatrolLeader, Role.Device],
        [ManageTeams] = [Role.DutyOfficer, Role.Admin],
        [ReadIncidents] = [Role.DutyOfficer, Role.PatrolLeader, Role.Leader, Role.Device],
        [Dispatch] = [Role.DutyOfficer],
        [Handling] = [Role.DutyOfficer, Role.PatrolLeader],
        [Command] = [Role.DutyOfficer, Role.Leader],
        [Lead] = [Role.Leader],
        [Statistics] = [Role.DutyOfficer, Role.Leader],
        [Administer] = [Role.Admin],
        [DepartmentWork] = [Role.Department],
        [DisputeReceiving] = [Role.DutyOfficer, Role.Leader, Role.Department],
        // A department hears only the cases it is called into (see CommandHub).
        [Console] = [Role.DutyOfficer, Role.PatrolLeader, Role.Leader, Role.Device, Role.Department],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(Caller.RoleName)));
        }
        // Anything not marked otherwise needs a signed-in user: a new endpoint cannot be left open by mistake.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
