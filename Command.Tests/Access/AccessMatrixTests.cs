using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Silo.Access.Api;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// Who may do what, where: every endpoint of the OpenAPI document and the hub, called by every role, on things in 冠县
/// and in 莘县. The expected answer of each cell is written out below by hand, from the README's role table and the
/// scoping rules (a 冠县 user is told 404 about anything in 莘县, as if it did not exist), never computed from the
/// server's own policy classes.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    /// <summary>The columns of <see cref="Table"/>. "device" is a terminal token of team-371525-01.</summary>
    private static readonly string[] Principals = ["anonymous", "lc.duty", "lc.leader", "admin", "gx.duty", "gx.leader", "gx.patrol", "sx.duty", "device"];

    /// <summary>Where the thing a cell touches is.</summary>
    private enum On
    {
        /// <summary>No particular thing: a list, one's own account, the service.</summary>
        Nothing,

        /// <summary>team-371525-01 (gx.patrol's and the terminal's own team), or the 冠县 incident it is sent to.</summary>
        OwnTeam,

        /// <summary>A thing in 冠县 (for escalations: one the county has been told of).</summary>
        Guanxian,

        /// <summary>A thing in 莘县 (for escalations: one the county has been told of).</summary>
        Shenxian,

        /// <summary>A team id nobody has commissioned yet, to be based in 冠县.</summary>
        GuanxianNew,

        /// <summary>A team id nobody has commissioned yet, to be based in 莘县.</summary>
        ShenxianNew,

        /// <summary>An escalation of a 冠县 incident that has climbed to the city.</summary>
        GuanxianCity,
    }

    private sealed record Row(string Endpoint, On On, int[] Expected)
    {
        public string Method => Endpoint[..Endpoint.IndexOf(' ')];

        public string Path => Endpoint[(Endpoint.IndexOf(' ') + 1)..];
    }

    private static Row R(string endpoint, On on, params int[] expected) => new(endpoint, on, expected);

    /// <summary>
    /// 401 no credential; 403 the role may not do this (or may not touch this visible thing); 404 the thing is outside
    /// the caller's jurisdiction and is answered as absent; anything else is the answer of an allowed call. For the
    /// hub, "HUB connect" is the negotiation's status, and "HUB Watch" is 200 for a result, 404 for "不存在或不在您的
    /// 辖区内" and 403 for any other refusal (or the status of a connection that was refused).
    /// </summary>
    private static readonly Row[] Table =
    [
        //                                                                  anon  lc.duty lc.lead admin gx.duty gx.lead gx.patrol sx.duty device
        R("GET /healthz",                                  On.Nothing,      200,  200,    200,    200,  200,    200,    200,      200,    200),
        // Signing in needs no credential, and says nothing about the caller's own.
        R("POST /api/auth/token",                          On.Nothing,      200,  200,    200,    200,  200,    200,    200,      200,    200),
        R("GET /api/auth/me",                              On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    200),
        R("POST /api/auth/signout",                        On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    200),
        // The terminal link trades a terminal token, and only that, for a session cookie.
        R("POST /api/auth/terminal-session",               On.Nothing,      401,  401,    401,    401,  401,    401,    401,      401,    200),
        // A new password that is too short: whoever may change their own password is told why not.
        R("POST /api/auth/password",                       On.Nothing,      401,  422,    422,    422,  422,    422,    422,      422,    403),

        R("GET /api/users",                                On.Nothing,      401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users",                               On.Guanxian,     401,  403,    403,    201,  403,    403,    403,      403,    403),
        R("POST /api/users",                               On.Shenxian,     401,  403,    403,    201,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/password",           On.Guanxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/password",           On.Shenxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/disable",            On.Guanxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/disable",            On.Shenxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/enable",             On.Guanxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/users/{username}/enable",             On.Shenxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("GET /api/credentials",                          On.Nothing,      401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/credentials/{id}/revoke",             On.Guanxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/credentials/{id}/revoke",             On.Shenxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("GET /api/audit",                                On.Nothing,      401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/teams/{id}/device-tokens",            On.OwnTeam,      401,  201,    403,    201,  201,    403,    403,      404,    403),
        R("POST /api/teams/{id}/device-tokens",            On.Guanxian,     401,  201,    403,    201,  201,    403,    403,      404,    403),
        R("POST /api/teams/{id}/device-tokens",            On.Shenxian,     401,  201,    403,    201,  404,    403,    403,      201,    403),
        R("POST /api/teams/{id}/device-tokens/{tokenId}/revoke", On.OwnTeam, 401, 200,    403,    200,  200,    403,    403,      404,    403),
        R("POST /api/teams/{id}/device-tokens/{tokenId}/revoke", On.Guanxian, 401, 200,   403,    200,  200,    403,    403,      404,    403),
        R("POST /api/teams/{id}/device-tokens/{tokenId}/revoke", On.Shenxian, 401, 200,   403,    200,  404,    403,    403,      200,    403),

        R("GET /api/jurisdictions",                        On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("GET /api/jurisdictions/locate",                 On.Guanxian,     401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("GET /api/jurisdictions/locate",                 On.Shenxian,     401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("GET /api/jurisdictions/{id}",                   On.Guanxian,     401,  200,    200,    200,  200,    200,    200,      404,    403),
        R("GET /api/jurisdictions/{id}",                   On.Shenxian,     401,  200,    200,    200,  404,    404,    404,      200,    403),
        // 值班表: read by the desks of the jurisdiction (never a patrol leader), planned by its administrators.
        R("GET /api/jurisdictions/{id}/shifts",            On.Guanxian,     401,  200,    200,    200,  200,    200,    403,      404,    403),
        R("GET /api/jurisdictions/{id}/shifts",            On.Shenxian,     401,  200,    200,    200,  404,    404,    404,      200,    403),
        R("PUT /api/jurisdictions/{id}/shifts",            On.Guanxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("PUT /api/jurisdictions/{id}/shifts",            On.Shenxian,     401,  403,    403,    200,  403,    403,    403,      403,    403),
        R("POST /api/jurisdictions/{id}/handover-notes",   On.Guanxian,     401,  201,    201,    403,  201,    201,    403,      404,    403),
        R("POST /api/jurisdictions/{id}/handover-notes",   On.Shenxian,     401,  201,    201,    403,  404,    404,    404,      201,    403),
        // 排查与零报告: a township reports itself or through its county's desks; the city sees, but does not report for it.
        R("POST /api/jurisdictions/{id}/sweeps",           On.Guanxian,     401,  403,    403,    403,  200,    200,    403,      404,    403),
        R("POST /api/jurisdictions/{id}/sweeps",           On.Shenxian,     401,  403,    403,    403,  404,    404,    403,      200,    403),
        R("GET /api/jurisdictions/{id}/sweeps",            On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/jurisdictions/{id}/sweeps",            On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/sweeps",                               On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        // 转警 targets: names of every county and township, for whoever may transfer a call (duty officers only).
        // 标准地址: read like the map; only administrators replace the base.
        R("GET /api/addresses",                            On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("POST /api/addresses/import",                    On.Nothing,      401,  403,    403,    200,  403,    403,    403,      403,    403),
        // 历史查询 and 交接班 are the duty officers' own tools.
        R("GET /api/incidents/search",                     On.Nothing,      401,  200,    403,    403,  200,    403,    403,      200,    403),
        R("GET /api/handover",                             On.Nothing,      401,  200,    403,    403,  200,    403,    403,      200,    403),
        R("GET /api/incidents/{id}/neighbour-support",     On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/incidents/{id}/neighbour-support",     On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        // 统计研判 and 考核: leaders and duty officers, for a jurisdiction in their subtree (another county's is answered as absent).
        R("GET /api/statistics",                           On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/statistics",                           On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/statistics/scorecard",                 On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/statistics/scorecard",                 On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/statistics/scorecard.csv",             On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/statistics/scorecard.csv",             On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/transfer-targets",                     On.Nothing,      401,  200,    403,    403,  200,    403,    403,      200,    403),
        R("GET /api/map/boundaries",                       On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("GET /api/map/assets",                           On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    403),

        R("GET /api/teams",                                On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    200),
        R("GET /api/teams/{id}",                           On.OwnTeam,      401,  200,    200,    200,  200,    200,    200,      404,    200),
        R("GET /api/teams/{id}",                           On.Guanxian,     401,  200,    200,    200,  200,    200,    200,      404,    404),
        R("GET /api/teams/{id}",                           On.Shenxian,     401,  200,    200,    200,  404,    404,    404,      200,    404),
        R("PUT /api/teams/{id}",                           On.GuanxianNew,  401,  201,    403,    201,  201,    403,    403,      403,    403),
        R("PUT /api/teams/{id}",                           On.ShenxianNew,  401,  201,    403,    201,  403,    403,    403,      201,    403),
        R("PUT /api/teams/{id}",                           On.Guanxian,     401,  200,    403,    200,  200,    403,    403,      404,    403),
        R("PUT /api/teams/{id}",                           On.Shenxian,     401,  200,    403,    200,  404,    403,    403,      200,    403),
        R("POST /api/teams/{id}/positions",                On.OwnTeam,      401,  202,    403,    403,  202,    403,    202,      404,    202),
        R("POST /api/teams/{id}/positions",                On.Guanxian,     401,  202,    403,    403,  202,    403,    403,      404,    404),
        R("POST /api/teams/{id}/positions",                On.Shenxian,     401,  202,    403,    403,  404,    403,    404,      202,    404),
        R("POST /api/teams/{id}/status",                   On.OwnTeam,      401,  200,    403,    403,  200,    403,    200,      404,    200),
        R("POST /api/teams/{id}/status",                   On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    404),
        R("POST /api/teams/{id}/status",                   On.Shenxian,     401,  200,    403,    403,  404,    403,    404,      200,    404),
        R("POST /api/teams/{id}/backup",                   On.OwnTeam,      401,  403,    403,    403,  403,    403,    200,      403,    200),
        R("POST /api/teams/{id}/backup",                   On.Guanxian,     401,  403,    403,    403,  403,    403,    403,      403,    404),
        R("POST /api/teams/{id}/backup",                   On.Shenxian,     401,  403,    403,    403,  403,    403,    404,      403,    404),
        // 处警反馈: the team's terminal, its leader, or a duty officer relaying it; a team with no case gets 409.
        R("POST /api/teams/{id}/field-report",             On.OwnTeam,      401,  200,    403,    403,  200,    403,    200,      404,    200),
        R("POST /api/teams/{id}/field-report",             On.Guanxian,     401,  409,    403,    403,  409,    403,    403,      404,    404),
        R("POST /api/teams/{id}/field-report",             On.Shenxian,     401,  409,    403,    403,  404,    403,    404,      409,    404),

        R("POST /api/incidents",                           On.Guanxian,     401,  201,    403,    403,  201,    403,    403,      403,    403),
        R("POST /api/incidents",                           On.Shenxian,     401,  201,    403,    403,  403,    403,    403,      201,    403),
        // A terminal reads its team's assignment as its patrol leader does: that one incident only.
        R("GET /api/incidents",                            On.Nothing,      401,  200,    200,    403,  200,    200,    200,      200,    200),
        R("GET /api/incidents/{id}",                       On.OwnTeam,      401,  200,    200,    403,  200,    200,    200,      404,    200),
        R("GET /api/incidents/{id}",                       On.Guanxian,     401,  200,    200,    403,  200,    200,    404,      404,    404),
        R("GET /api/incidents/{id}",                       On.Shenxian,     401,  200,    200,    403,  404,    404,    404,      200,    404),
        R("GET /api/incidents/{id}/timeline",              On.OwnTeam,      401,  200,    200,    403,  200,    200,    200,      404,    200),
        R("GET /api/incidents/{id}/timeline",              On.Guanxian,     401,  200,    200,    403,  200,    200,    404,      404,    404),
        R("GET /api/incidents/{id}/timeline",              On.Shenxian,     401,  200,    200,    403,  404,    404,    404,      200,    404),
        // 轨迹回放: leaders and duty officers of the case's jurisdiction (every team's track, so never a patrol leader).
        R("GET /api/incidents/{id}/replay",                On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/incidents/{id}/replay",                On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/incidents/{id}/recommendations",       On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/incidents/{id}/recommendations",       On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/assignments",          On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/assignments",          On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/handling",             On.OwnTeam,      401,  200,    403,    403,  200,    403,    200,      404,    403),
        R("POST /api/incidents/{id}/handling",             On.Guanxian,     401,  200,    403,    403,  200,    403,    404,      404,    403),
        R("POST /api/incidents/{id}/handling",             On.Shenxian,     401,  200,    403,    403,  404,    403,    404,      200,    403),
        R("POST /api/incidents/{id}/close",                On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/close",                On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/notes",                 On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/notes",                 On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/type",                  On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/type",                  On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/duplicate-of",          On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/duplicate-of",          On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/recall",On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/recall",On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/divert",On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/divert",On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/status",On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/assignments/{teamId}/status",On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        // 转警 is a duty officer's; 签收 and 退回 belong to the target (a case 冠县 sent to 莘县, and the other way round):
        // the sender sees the pending case but may not sign for it.
        R("POST /api/incidents/{id}/transfer",             On.Guanxian,     401,  200,    403,    403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/transfer",             On.Shenxian,     401,  200,    403,    403,  404,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/transfer/sign",        On.Guanxian,     401,  200,    403,    403,  403,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/transfer/sign",        On.Shenxian,     401,  200,    403,    403,  200,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/transfer/refuse",      On.Guanxian,     401,  200,    403,    403,  403,    403,    403,      200,    403),
        R("POST /api/incidents/{id}/transfer/refuse",      On.Shenxian,     401,  200,    403,    403,  200,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/mass",                 On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/mass",                 On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/crowd",                On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/crowd",                On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/severity",             On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/severity",             On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/reports",              On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/reports",              On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/approvals",            On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/approvals",            On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/measures",             On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/incidents/{id}/measures",             On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/incidents/{id}/leader-checkins",      On.Guanxian,     401,  403,    200,    403,  403,    200,    403,      403,    403),
        R("POST /api/incidents/{id}/leader-checkins",      On.Shenxian,     401,  403,    200,    403,  403,    404,    403,      403,    403),
        R("POST /api/incidents/{id}/approvals/{gate}/decision", On.Guanxian, 401, 403,    200,    403,  403,    200,    403,      403,    403),
        R("POST /api/incidents/{id}/approvals/{gate}/decision", On.Shenxian, 401, 403,    200,    403,  403,    404,    403,      403,    403),

        // 批示 is a leader's, in their own jurisdiction; 已阅 is the case's duty officer's (never a patrol leader's).
        R("POST /api/incidents/{id}/instructions",         On.Guanxian,     401,  403,    200,    403,  403,    200,    403,      403,    403),
        R("POST /api/incidents/{id}/instructions",         On.Shenxian,     401,  403,    200,    403,  403,    404,    403,      403,    403),
        R("POST /api/incidents/{id}/instructions/{instructionId}/ack", On.Guanxian, 401, 200, 403,   403,  200,    403,    403,      404,    403),
        R("POST /api/incidents/{id}/instructions/{instructionId}/ack", On.Shenxian, 401, 200, 403,   403,  404,    403,    403,      200,    403),

        // 跟踪督办: opened by duty officers and leaders on cases of their jurisdiction (the owner here is the county's leader);
        // seen by whoever covers the case; reported back on by its owner only; closed off by its opener only (lc.duty).
        R("POST /api/incidents/{id}/follow-ups",           On.Guanxian,     401,  201,    201,    403,  201,    201,    403,      404,    403),
        R("POST /api/incidents/{id}/follow-ups",           On.Shenxian,     401,  201,    201,    403,  404,    404,    403,      201,    403),
        R("GET /api/follow-ups",                           On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        R("GET /api/sensitive-periods",                    On.Nothing,      401,  200,    200,    200,  200,    200,    200,      200,    403),
        R("POST /api/sensitive-periods",                   On.Nothing,      401,  403,    201,    403,  403,    403,    403,      403,    403),
        R("POST /api/sensitive-periods/{periodId}/end",    On.Nothing,      401,  403,    200,    403,  403,    403,    403,      403,    403),
        R("GET /api/follow-ups/{itemId}",                  On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/follow-ups/{itemId}",                  On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/follow-ups/{itemId}/replies",         On.Guanxian,     401,  403,    403,    403,  403,    200,    403,      404,    403),
        R("POST /api/follow-ups/{itemId}/replies",         On.Shenxian,     401,  403,    403,    403,  404,    404,    403,      403,    403),
        R("POST /api/follow-ups/{itemId}/close",           On.Guanxian,     401,  200,    403,    403,  403,    403,    403,      404,    403),
        R("POST /api/follow-ups/{itemId}/close",           On.Shenxian,     401,  200,    403,    403,  404,    404,    403,      403,    403),
        // 联动单位: none of these principals is a department, so its own endpoints are refused to all (DepartmentTests
        // covers the department's side). 莘县 has no department accounts: calling 冠县's there is refused as not local.
        R("GET /api/colleagues",                           On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        R("GET /api/departments",                          On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        R("POST /api/incidents/{id}/departments",          On.Guanxian,     401,  201,    201,    403,  201,    201,    403,      404,    403),
        R("POST /api/incidents/{id}/departments",          On.Shenxian,     401,  422,    422,    403,  404,    404,    403,      422,    403),
        R("GET /api/departments/mine",                     On.Nothing,      401,  403,    403,    403,  403,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/departments/{n}/receipt", On.Guanxian,  401,  403,    403,    403,  403,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/departments/{n}/receipt", On.Shenxian,  401,  403,    403,    403,  403,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/departments/{n}/reports", On.Guanxian,  401,  403,    403,    403,  403,    403,    403,      403,    403),
        R("POST /api/incidents/{id}/departments/{n}/reports", On.Shenxian,  401,  403,    403,    403,  403,    403,    403,      403,    403),

        // 矛盾纠纷台账: duty officers and leaders of the dispute's jurisdiction or above; a registration at a point outside
        // the caller's county is 403 (the place is visible, the ledger is not theirs). 签收 and the result belong to the
        // handoff's receiver only (here the county's leader).
        R("POST /api/incidents/{id}/disputes",             On.Guanxian,     401,  201,    201,    403,  201,    201,    403,      404,    403),
        R("POST /api/incidents/{id}/disputes",             On.Shenxian,     401,  201,    201,    403,  404,    404,    403,      201,    403),
        R("POST /api/disputes",                            On.Guanxian,     401,  201,    201,    403,  201,    201,    403,      403,    403),
        R("POST /api/disputes",                            On.Shenxian,     401,  201,    201,    403,  403,    403,    403,      201,    403),
        R("GET /api/disputes",                             On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        R("GET /api/disputes/mine",                        On.Nothing,      401,  403,    403,    403,  403,    403,    403,      403,    403),
        R("GET /api/disputes/rates",                       On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/disputes/rates",                       On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("GET /api/disputes/{disputeId}",                 On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("GET /api/disputes/{disputeId}",                 On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/disputes/{disputeId}/steps",          On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/steps",          On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/disputes/{disputeId}/close",          On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/close",          On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/disputes/{disputeId}/handoffs",       On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/handoffs",       On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
        R("POST /api/disputes/{disputeId}/handoffs/{n}/receipt", On.Guanxian, 401, 403,   403,    403,  403,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/handoffs/{n}/receipt", On.Shenxian, 401, 403,   403,    403,  404,    404,    403,      403,    403),
        R("POST /api/disputes/{disputeId}/handoffs/{n}/result", On.Guanxian, 401,  403,   403,    403,  403,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/handoffs/{n}/result", On.Shenxian, 401,  403,   403,    403,  404,    404,    403,      403,    403),
        R("POST /api/disputes/{disputeId}/criminal-links", On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("POST /api/disputes/{disputeId}/criminal-links", On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),

        R("GET /api/escalations",                          On.Nothing,      401,  200,    200,    403,  200,    200,    403,      200,    403),
        R("POST /api/escalations/{id}/ack",                On.Guanxian,     401,  403,    200,    403,  403,    200,    403,      403,    403),
        R("POST /api/escalations/{id}/ack",                On.GuanxianCity, 401,  403,    200,    403,  403,    403,    403,      403,    403),
        R("POST /api/escalations/{id}/ack",                On.Shenxian,     401,  403,    200,    403,  403,    404,    403,      403,    403),
        R("POST /api/escalations/{id}/escalate",           On.Guanxian,     401,  403,    200,    403,  403,    200,    403,      403,    403),
        // The city is the top of the ladder: the city's leader may ask, and is told there is nowhere higher.
        R("POST /api/escalations/{id}/escalate",           On.GuanxianCity, 401,  403,    409,    403,  403,    403,    403,      403,    403),
        R("POST /api/escalations/{id}/escalate",           On.Shenxian,     401,  403,    200,    403,  403,    404,    403,      403,    403),

        // A terminal hears its own team and that team's incident, as its patrol leader does.
        R("HUB connect",                                   On.Nothing,      401,  200,    200,    403,  200,    200,    200,      200,    200),
        R("HUB Watch",                                     On.Guanxian,     401,  200,    200,    403,  200,    200,    403,      404,    403),
        R("HUB Watch",                                     On.Shenxian,     401,  200,    200,    403,  404,    404,    403,      200,    403),
    ];

    /// <summary>Answers to an anonymous caller outside the OpenAPI document: the pages show the sign-in form with 401.</summary>
    private static readonly (string Path, int Expected)[] Unlisted =
    [
        ("/login", 200),
        ("/", 401),
        ("/patrol", 401),
        ("/leader", 401),
        ("/replay", 401),
        ("/admin", 401),
        ("/bench.html", 401),
        ("/openapi/v1.json", 401),
        ("/console-config.json", 401),
        ("/api/no-such-endpoint", 401),
        ("/hubs/command", 401),
    ];

    private const int Fresh = 9;

    // The table issues a terminal token for every cell that revokes one, far past the limits on terminal tokens per team
    // and per issuer; those limits have their own tests (TerminalTokenTests).
    private readonly CommandApp app = new(rules: ShortWindows(), configuration: new Dictionary<string, string?>
    {
        ["Access:DeviceTokensPerTeam"] = "1000",
        ["Access:DeviceTokensPerIssuerPerHour"] = "1000",
    });
    private readonly Dictionary<string, string?> tokens = [];
    private readonly Dictionary<On, Queue<(EscalationView Escalation, FiledIncident Incident)>> escalations = [];
    private readonly Dictionary<string, TeamPosition> positions = [];
    private HttpClient http = null!;
    private HttpClient duty = null!;
    private HttpClient leader = null!;
    private HttpClient admin = null!;
    private FiledIncident ownIncident = null!;
    private FiledIncident guanxianIncident = null!;
    private FiledIncident shenxianIncident = null!;
    private int serial;

    public async Task InitializeAsync()
    {
        // Bearer only: the terminal-session row sets a cookie, which must not turn the next anonymous cell into a terminal.
        http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        foreach (string principal in Principals.Where(p => p is not "anonymous" and not "device"))
        {
            tokens[principal] = await app.SignIn(principal);
        }
        tokens["anonymous"] = null;
        duty = app.WithToken(tokens["lc.duty"]!);
        leader = app.WithToken(tokens["lc.leader"]!);
        admin = app.WithToken(tokens["admin"]!);
        tokens["device"] = await DeviceToken(OwnTeam);

        // Escalations for the ack and escalate rows, one per cell: 冠县 incidents that climb to the city, and incidents
        // in both counties filed a minute later that have reached their county when the clock stops.
        var t0 = app.Time.GetUtcNow();
        var toCity = await FileMany(GuanxianId, Fresh * 2);
        await ClimbTo(app, leader, t0.AddMinutes(1), [.. toCity.Select(i => i.Id)], JurisdictionLevel.Township);
        var guanxian = await FileMany(GuanxianId, Fresh * 2);
        var shenxian = await FileMany(ShenxianId, Fresh * 2);
        await ClimbTo(app, leader, t0.AddMinutes(2), [.. toCity.Concat(guanxian).Concat(shenxian).Select(i => i.Id)], JurisdictionLevel.Township);
        // Each step is raised when it is taken and its minute counts from then: the first ones must be at the county
        // at 2 minutes, or the clock's next move would only raise them there.
        await ClimbTo(app, leader, t0.AddMinutes(2), [.. toCity.Select(i => i.Id)], JurisdictionLevel.County);
        var city = await ClimbTo(app, leader, t0.AddMinutes(3), [.. toCity.Select(i => i.Id)], JurisdictionLevel.City);
        var county = await ClimbTo(app, leader, t0.AddMinutes(3), [.. guanxian.Concat(shenxian).Select(i => i.Id)], JurisdictionLevel.County);
        escalations[On.GuanxianCity] = new(toCity.Select(i => (city[i.Id], i)));
        escalations[On.Guanxian] = new(guanxian.Select(i => (county[i.Id], i)));
        escalations[On.Shenxian] = new(shenxian.Select(i => (county[i.Id], i)));

        // Things only read: an incident in each county, and the one gx.patrol's team is sent to.
        guanxianIncident = await FileIncident(duty, GuanxianId);
        shenxianIncident = await FileIncident(duty, ShenxianId);
        ownIncident = await FileIncident(duty, GuanxianId);
        await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await duty.PostAsJsonAsync($"/api/incidents/{ownIncident.Id}/assignments", new { teamId = OwnTeam }));
        foreach (string team in new[] { OwnTeam, GuanxianTeam, ShenxianTeam })
        {
            positions[team] = (await CommandApp.Team(duty, team)).Position!;
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EveryRoleGetsTheWrittenAnswerFromEveryEndpointInEveryJurisdiction()
    {
        Assert.All(Table, row => Assert.True(row.Expected.Length == Principals.Length, $"{row.Endpoint} ({row.On}) has {row.Expected.Length} expectations"));
        var failures = new List<string>();
        int cells = 0;
        foreach (var row in Table)
        {
            for (int column = 0; column < Principals.Length; column++)
            {
                cells++;
                string principal = Principals[column];
                string cell = $"[{principal} × {row.Endpoint} × {row.On}]";
                try
                {
                    var (status, body, problem, secrets) = row.Method == "HUB" ? await Hub(row, principal) : await Http(row, principal);
                    int expected = row.Expected[column];
                    if (status != expected)
                    {
                        failures.Add($"{cell} expected {expected}, got {status}: {Shorten(body)}");
                    }
                    else if (status is 401 or 403 or 404)
                    {
                        if (!problem)
                        {
                            failures.Add($"{cell} refused with {status} but not as problem+json: {Shorten(body)}");
                        }
                        if (secrets.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal)) is { } leaked)
                        {
                            failures.Add($"{cell} refused with {status} but the answer contains '{leaked}': {Shorten(body)}");
                        }
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"{cell} failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ from the table:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task TheTableCoversEveryEndpointOfTheOpenApiDocument()
    {
        using var document = JsonDocument.Parse(await duty.GetStringAsync("/openapi/v1.json"));
        string[] methods = ["get", "post", "put", "delete", "patch"];
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => methods.Contains(op.Name)).Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        var tabled = Table.Where(r => r.Method != "HUB").Select(r => r.Endpoint).ToHashSet();
        Assert.True(documented.Count >= 40, $"The OpenAPI document lists only {documented.Count} operations.");
        Assert.Empty(documented.Except(tabled).Order());
        Assert.Empty(tabled.Except(documented).Order());
    }

    [Fact]
    public async Task WithoutCredentialsOnlyHealthAndSignInAnswer()
    {
        foreach (var (path, expected) in Unlisted)
        {
            using var response = path == "/hubs/command"
                ? await http.PostAsync("/hubs/command/negotiate?negotiateVersion=1", null)
                : await http.GetAsync(path);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected, $"GET {path} anonymously answered {(int)response.StatusCode}, not {expected}: {Shorten(body)}");
            if (path is "/login" or "/" or "/patrol" or "/leader" or "/replay" or "/admin" or "/bench.html")
            {
                // The page asked for stays in the address bar; the body is the sign-in form.
                Assert.Contains("name=\"__RequestVerificationToken\"", body);
                Assert.Contains("name=\"password\"", body);
            }
            else
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private async Task<(int Status, string Body, bool Problem, string[] Secrets)> Http(Row row, string principal)
    {
        var call = await Prepare(row, principal);
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), call.Path);
        if ((call.Token ?? tokens[principal]) is { } token)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        if (row.Method is "POST" or "PUT")
        {
            // The address base is imported as CSV; everything else takes JSON.
            request.Content = call.Body is string csv ? new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") : JsonContent.Create(call.Body ?? new { });
        }
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType == "application/problem+json", call.Secrets ?? []);
    }

    /// <summary>The request a cell makes. State-changing rows get a target of their own, so no cell sees another's work.</summary>
    private async Task<Call> Prepare(Row row, string principal)
    {
        string county = row.On is On.Shenxian or On.ShenxianNew ? ShenxianId : GuanxianId;
        switch (row.Endpoint)
        {
            case "GET /healthz":
                return new("/healthz");
            case "POST /api/auth/token":
                return new("/api/auth/token", new { username = "gx.leader", password = Silo.Demo.DemoUsers.Password });
            case "GET /api/auth/me":
                return new("/api/auth/me");
            case "POST /api/auth/signout":
                // Signing out ends the credential used, so each cell signs out a fresh one.
                return new("/api/auth/signout", Token: principal switch
                {
                    "anonymous" => null,
                    "device" => await DeviceToken(OwnTeam),
                    _ => await app.SignIn(principal),
                });
            case "POST /api/auth/terminal-session":
                return new("/api/auth/terminal-session");
            case "POST /api/auth/password":
                return new("/api/auth/password", new { currentPassword = Silo.Demo.DemoUsers.Password, newPassword = "short" });
            case "GET /api/users":
                return new("/api/users");
            case "POST /api/users":
            {
                string name = $"matrix-{Interlocked.Increment(ref serial)}";
                return new("/api/users", new { username = name, displayName = "矩阵" + name, role = "dutyOfficer", jurisdictionId = county, password = "grid-cell-2026" });
            }
            case "POST /api/users/{username}/password":
            case "POST /api/users/{username}/disable":
            case "POST /api/users/{username}/enable":
            {
                var (name, display) = await NewUser(county);
                return new(row.Path.Replace("{username}", name), new { password = "grid-cell-2027" }, Secrets: [display]);
            }
            case "GET /api/credentials":
                return new("/api/credentials");
            case "POST /api/credentials/{id}/revoke":
            {
                var issued = await CommandApp.Read<TokenResponse>(
                    await admin.PostAsJsonAsync($"/api/teams/{TeamIn(row.On)}/device-tokens", new { label = "矩阵终端" }), HttpStatusCode.Created);
                return new($"/api/credentials/{issued.TokenId}/revoke");
            }
            case "GET /api/audit":
                return new("/api/audit?limit=5");
            case "POST /api/teams/{id}/device-tokens/{tokenId}/revoke":
            {
                var issued = await CommandApp.Read<TokenResponse>(
                    await admin.PostAsJsonAsync($"/api/teams/{TeamIn(row.On)}/device-tokens", new { label = "矩阵终端" }), HttpStatusCode.Created);
                return new($"/api/teams/{TeamIn(row.On)}/device-tokens/{issued.TokenId}/revoke", Secrets: await TeamSecrets(TeamIn(row.On)));
            }
            case "POST /api/teams/{id}/device-tokens":
                return new($"/api/teams/{TeamIn(row.On)}/device-tokens", new { label = "矩阵终端" }, Secrets: await TeamSecrets(TeamIn(row.On)));
            case "GET /api/jurisdictions":
                return new("/api/jurisdictions");
            case "GET /api/jurisdictions/locate":
            {
                var (lon, lat) = PointIn(county);
                return new(FormattableString.Invariant($"/api/jurisdictions/locate?lon={lon}&lat={lat}"));
            }
            case "GET /api/jurisdictions/{id}":
                return new($"/api/jurisdictions/{county}", Secrets: [county == GuanxianId ? "冠县" : "莘县"]);
            case "GET /api/jurisdictions/{id}/shifts":
                return new($"/api/jurisdictions/{county}/shifts");
            case "PUT /api/jurisdictions/{id}/shifts":
            {
                var from = app.Time.GetUtcNow().AddDays(1);
                return new($"/api/jurisdictions/{county}/shifts", new { shifts = new[] { new { from, to = from.AddHours(24), dutyOfficer = "矩阵值班", leaderOnDuty = "矩阵带班", leaderPhone = "13800000009" } } });
            }
            case "POST /api/jurisdictions/{id}/handover-notes":
                return new($"/api/jurisdictions/{county}/handover-notes", new { text = "矩阵交班：一起纠纷待回访" });
            case "POST /api/jurisdictions/{id}/sweeps":
                // A township reports once a period: each principal reports for a township of its own.
                return new($"/api/jurisdictions/{county}-t{Array.IndexOf(Principals, principal) % 7 + 1:00}/sweeps", new { nil = true });
            case "GET /api/jurisdictions/{id}/sweeps":
                return new($"/api/jurisdictions/{county}-t01/sweeps");
            case "GET /api/sweeps":
                return new("/api/sweeps");
            case "GET /api/addresses":
                return new("/api/addresses?q=花园北路");
            case "POST /api/addresses/import":
                return new("/api/addresses/import", "address,lon,lat\n聊城市冠县矩阵路1号,115.45,36.49\n");
            case "GET /api/incidents/search":
                return new("/api/incidents/search?status=all");
            case "GET /api/handover":
                return new("/api/handover");
            case "GET /api/statistics":
            case "GET /api/statistics/scorecard":
            case "GET /api/statistics/scorecard.csv":
                return new($"{row.Path}?jurisdiction={county}", Secrets: [county == GuanxianId ? "冠县" : "莘县"]);
            case "GET /api/transfer-targets":
                return new("/api/transfer-targets");
            case "GET /api/map/boundaries":
                return new("/api/map/boundaries?level=county");
            case "GET /api/map/assets":
                return new("/api/map/assets");
            case "GET /api/teams":
                return new("/api/teams");
            case "GET /api/teams/{id}":
                return new($"/api/teams/{TeamIn(row.On)}", Secrets: await TeamSecrets(TeamIn(row.On)));
            case "PUT /api/teams/{id}":
            {
                string id = row.On is On.GuanxianNew or On.ShenxianNew ? $"matrix-team-{Interlocked.Increment(ref serial)}" : await NewTeam(county);
                return new($"/api/teams/{id}", TeamDefinition(id, county, "矩阵装备"));
            }
            case "POST /api/teams/{id}/positions":
            {
                string team = TeamIn(row.On);
                return new($"/api/teams/{team}/positions", new { lon = positions[team].Lon, lat = positions[team].Lat }, Secrets: await TeamSecrets(team));
            }
            case "POST /api/teams/{id}/status":
                // The own team is out to its incident: on the way. Another team is freshly commissioned: off duty.
                return row.On == On.OwnTeam
                    ? new($"/api/teams/{OwnTeam}/status", new { status = "enRoute" }, Secrets: await TeamSecrets(OwnTeam))
                    : new($"/api/teams/{await NewTeam(county)}/status", new { status = "offDuty" }, Secrets: ["矩阵队长"]);
            case "POST /api/teams/{id}/field-report":
                return new($"/api/teams/{TeamIn(row.On)}/field-report", new { found = "矩阵现场情况", actions = "矩阵处置措施" }, Secrets: await TeamSecrets(TeamIn(row.On)));
            case "POST /api/teams/{id}/backup":
                return new($"/api/teams/{TeamIn(row.On)}/backup", new { note = "请求增援（矩阵）" }, Secrets: await TeamSecrets(TeamIn(row.On)));
            case "POST /api/incidents":
            {
                var (lon, lat) = PointIn(county);
                string address = $"矩阵新报警{Interlocked.Increment(ref serial)}";
                return new("/api/incidents", new { channel = 110, type = "publicOrder", lon, lat, address, callerPhone = "13900000000" }, Secrets: [address]);
            }
            case "GET /api/incidents":
                return new("/api/incidents");
            case "GET /api/incidents/{id}":
            case "GET /api/incidents/{id}/timeline":
            case "GET /api/incidents/{id}/replay":
            case "GET /api/incidents/{id}/recommendations":
            case "GET /api/incidents/{id}/neighbour-support":
            {
                var incident = row.On switch { On.OwnTeam => ownIncident, On.Shenxian => shenxianIncident, _ => guanxianIncident };
                return new(row.Path.Replace("{id}", incident.Id), Secrets: incident.Secrets);
            }
            case "POST /api/incidents/{id}/handling" when row.On == On.OwnTeam:
                // Only one incident can be the team's at a time; starting handling twice is harmless.
                return new($"/api/incidents/{ownIncident.Id}/handling", new { note = "开始处置" }, Secrets: ownIncident.Secrets);
            case "GET /api/escalations":
                return new("/api/escalations");
            case "GET /api/follow-ups":
                return new("/api/follow-ups");
            case "GET /api/sensitive-periods":
                return new("/api/sensitive-periods");
            case "POST /api/sensitive-periods":
            case "POST /api/sensitive-periods/{periodId}/end":
            {
                // Each cell its own period, far ahead and apart, so none overlaps another or tightens the other cells' cases.
                var from = app.Time.GetUtcNow().AddDays(200 + 2 * Interlocked.Increment(ref serial));
                var period = new { name = $"矩阵敏感时期{serial}", from, to = from.AddDays(1) };
                if (row.Method == "POST" && row.Endpoint.EndsWith("/end", StringComparison.Ordinal))
                {
                    var declared = await CommandApp.Read<Abstractions.SensitivePeriods.SensitivePeriodView>(
                        await app.Api("lc.leader").PostAsJsonAsync("/api/sensitive-periods", period), HttpStatusCode.Created);
                    return new(row.Path.Replace("{periodId}", declared.Id), new { });
                }
                return new("/api/sensitive-periods", period);
            }
            case "GET /api/departments":
                return new("/api/departments");
            case "GET /api/colleagues":
                return new("/api/colleagues");
            case "GET /api/departments/mine":
                return new("/api/departments/mine");
            case "GET /api/disputes/mine":
                return new("/api/disputes/mine");
            case "GET /api/follow-ups/{itemId}":
            case "POST /api/follow-ups/{itemId}/replies":
            case "POST /api/follow-ups/{itemId}/close":
            {
                var incident = await FileIncident(duty, county);
                string owner = county == GuanxianId ? "gx.leader" : "sx.leader";
                string task = $"矩阵督办{Interlocked.Increment(ref serial)}";
                var item = await CommandApp.Read<Abstractions.FollowUps.FollowUpView>(await duty.PostAsJsonAsync($"/api/incidents/{incident.Id}/follow-ups",
                    new { task, owner, dueAt = app.Time.GetUtcNow().AddDays(1) }), HttpStatusCode.Created);
                if (row.Endpoint.EndsWith("/close", StringComparison.Ordinal))
                {
                    // 销号 needs a report back first (件件有回音).
                    await CommandApp.Read<Abstractions.FollowUps.FollowUpView>(await app.Api(owner).PostAsJsonAsync($"/api/follow-ups/{item.Id}/replies", new { text = "已办理" }));
                }
                return new(row.Path.Replace("{itemId}", item.Id), row.Method == "POST" ? new { text = "已办理（矩阵）" } : null, Secrets: [task, .. incident.Secrets]);
            }
            case "POST /api/disputes":
            {
                var (lon, lat) = PointIn(county);
                string description = $"矩阵纠纷{Interlocked.Increment(ref serial)}";
                return new("/api/disputes", new { parties = new[] { new { name = "矩阵当事人", role = "applicant" } }, cause = "neighbour", description, lon, lat, level = "ordinary" },
                    Secrets: [description]);
            }
            case "GET /api/disputes":
                return new("/api/disputes");
            case "GET /api/disputes/rates":
                return new($"/api/disputes/rates?jurisdiction={county}", Secrets: [county == GuanxianId ? "冠县" : "莘县"]);
            case "GET /api/disputes/{disputeId}":
            case "POST /api/disputes/{disputeId}/steps":
            case "POST /api/disputes/{disputeId}/close":
            case "POST /api/disputes/{disputeId}/handoffs":
            case "POST /api/disputes/{disputeId}/handoffs/{n}/receipt":
            case "POST /api/disputes/{disputeId}/handoffs/{n}/result":
            case "POST /api/disputes/{disputeId}/criminal-links":
            {
                // Each cell its own dispute, registered by lc.duty, handed (for 签收 and the result) to the county's leader.
                var (lon, lat) = PointIn(county);
                string description = $"矩阵纠纷{Interlocked.Increment(ref serial)}";
                var dispute = await CommandApp.Read<Abstractions.Disputes.DisputeView>(await duty.PostAsJsonAsync("/api/disputes",
                    new { parties = new[] { new { name = "矩阵当事人", role = "applicant" } }, cause = "neighbour", description, lon, lat, level = "ordinary" }), HttpStatusCode.Created);
                string receiver = county == GuanxianId ? "gx.leader" : "sx.leader";
                if (row.Path.Contains("{n}", StringComparison.Ordinal))
                {
                    await CommandApp.Read<Abstractions.Disputes.DisputeView>(await duty.PostAsJsonAsync($"/api/disputes/{dispute.Id}/handoffs", new { body = "mediation", receiver }));
                }
                if (row.Endpoint.EndsWith("/result", StringComparison.Ordinal))
                {
                    await CommandApp.Read<Abstractions.Disputes.DisputeView>(await app.Api(receiver).PostAsJsonAsync($"/api/disputes/{dispute.Id}/handoffs/1/receipt", new { }));
                }
                object? request = row.Endpoint switch
                {
                    "POST /api/disputes/{disputeId}/steps" => new { text = "矩阵调处：组织双方调解" },
                    "POST /api/disputes/{disputeId}/close" => new { outcome = "mediated", note = "达成协议" },
                    "POST /api/disputes/{disputeId}/handoffs" => new { body = "court", receiver },
                    "POST /api/disputes/{disputeId}/handoffs/{n}/result" => new { success = true, text = "调解成功（矩阵）" },
                    "POST /api/disputes/{disputeId}/criminal-links" => new { incidentId = await CriminalIncident(county) },
                    _ => null,
                };
                return new(row.Path.Replace("{disputeId}", dispute.Id).Replace("{n}", "1"), request, Secrets: [description]);
            }
            case "POST /api/escalations/{id}/ack":
            case "POST /api/escalations/{id}/escalate":
            {
                var (escalation, incident) = escalations[row.On].Dequeue();
                return new(row.Path.Replace("{id}", escalation.Id), new { reason = "态势严重，报请上级" }, Secrets: incident.Secrets);
            }
        }

        // The remaining rows change one incident: each cell gets a new one.
        var fresh = await FileIncident(duty, county);
        string path = row.Path.Replace("{id}", fresh.Id).Replace("{gate}", Gates.CoerciveMeasures).Replace("{n}", "1");
        if (row.Path.Contains("{teamId}", StringComparison.Ordinal))
        {
            // 撤回, 改派 and 电台报告 act on a team the fresh incident has out.
            string sent = await NewTeam(county);
            await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await duty.PostAsJsonAsync($"/api/incidents/{fresh.Id}/assignments", new { teamId = sent }));
            path = path.Replace("{teamId}", sent);
        }
        var scene = PointIn(county);
        string otherCounty = county == GuanxianId ? ShenxianId : GuanxianId;
        if (row.Endpoint == "POST /api/incidents/{id}/instructions/{instructionId}/ack")
        {
            var given = await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await leader.PostAsJsonAsync($"/api/incidents/{fresh.Id}/instructions",
                new { text = "请立即核实现场情况并报告" }));
            path = path.Replace("{instructionId}", given.Instructions![0].Id);
        }
        if (row.Endpoint is "POST /api/incidents/{id}/transfer/sign" or "POST /api/incidents/{id}/transfer/refuse")
        {
            await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await duty.PostAsJsonAsync($"/api/incidents/{fresh.Id}/transfer",
                new { toJurisdictionId = otherCounty, reason = "报警地点属邻县辖区" }));
        }
        object body = row.Endpoint switch
        {
            "POST /api/incidents/{id}/transfer" => new { toJurisdictionId = otherCounty, reason = "报警地点属邻县辖区" },
            "POST /api/incidents/{id}/instructions" => new { text = "请立即核实现场情况并报告" },
            "POST /api/incidents/{id}/follow-ups" => new { task = "三日内回访当事人", owner = county == GuanxianId ? "gx.leader" : "sx.leader", dueAt = app.Time.GetUtcNow().AddDays(3) },
            "POST /api/incidents/{id}/disputes" => new { parties = new[] { new { name = "矩阵当事人", role = "party" } }, cause = "other", level = "ordinary" },
            "POST /api/incidents/{id}/instructions/{instructionId}/ack" => new { },
            "POST /api/incidents/{id}/departments" => new { department = "gx.fire", role = "lead", task = "扑救火灾（矩阵）" },
            "POST /api/incidents/{id}/departments/{n}/reports" => new { text = "已到达现场（矩阵）" },
            "POST /api/incidents/{id}/departments/{n}/receipt" => new { },
            "POST /api/incidents/{id}/transfer/sign" => new { note = "已联系报警人" },
            "POST /api/incidents/{id}/transfer/refuse" => new { reason = "经核实不属本辖区" },
            "POST /api/incidents/{id}/assignments" => new { teamId = await NewTeam(county) },
            "POST /api/incidents/{id}/handling" => new { note = "开始处置" },
            "POST /api/incidents/{id}/close" => new { resolution = "已调解" },
            "POST /api/incidents/{id}/notes" => new { text = "报警人补充：对方已离开" },
            "POST /api/incidents/{id}/type" => new { type = "dispute", reason = "实为邻里纠纷" },
            "POST /api/incidents/{id}/duplicate-of" => new { incidentId = (await FileIncident(duty, county)).Id },
            "POST /api/incidents/{id}/assignments/{teamId}/recall" => new { reason = "派错警力" },
            "POST /api/incidents/{id}/assignments/{teamId}/divert" => new { incidentId = (await FileIncident(duty, county)).Id, reason = "另一警情更急" },
            "POST /api/incidents/{id}/assignments/{teamId}/status" => new { status = "enRoute" },
            "POST /api/incidents/{id}/mass" => new { cause = "labourDispute", crowdSize = 40 },
            "POST /api/incidents/{id}/crowd" => new { crowdSize = 12 },
            "POST /api/incidents/{id}/severity" => new { severity = 3, reason = "现场情况变化" },
            "POST /api/incidents/{id}/reports" => new { kind = "informationReport", text = "现场已控制" },
            "POST /api/incidents/{id}/approvals" => new { gate = Gates.CoerciveMeasures, reason = "有人阻挠" },
            "POST /api/incidents/{id}/measures" => new { gate = Gates.CoerciveMeasures, note = "带离一人" },
            "POST /api/incidents/{id}/leader-checkins" => new { lon = scene.Lon, lat = scene.Lat },
            "POST /api/incidents/{id}/approvals/{gate}/decision" => await RequestApproval(fresh),
            _ => throw new InvalidOperationException($"The table has a row for {row.Endpoint}, which Prepare does not know how to call."),
        };
        return new(path, body, Secrets: fresh.Secrets);
    }

    /// <summary>A criminal case in the county, for a 民转刑 link.</summary>
    private async Task<string> CriminalIncident(string county)
    {
        var (lon, lat) = PointIn(county);
        var filed = await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await duty.PostAsJsonAsync("/api/incidents",
            new { channel = 110, type = "criminal", lon, lat, address = $"矩阵刑事{Interlocked.Increment(ref serial)}" }), HttpStatusCode.Created);
        return filed.Id;
    }

    private async Task<object> RequestApproval(FiledIncident incident)
    {
        await CommandApp.Read<Abstractions.Incidents.IncidentDetail>(await duty.PostAsJsonAsync($"/api/incidents/{incident.Id}/approvals",
            new { gate = Gates.CoerciveMeasures, reason = "有人阻挠" }));
        return new { approved = true, reason = "同意" };
    }

    private async Task<(int Status, string Body, bool Problem, string[] Secrets)> Hub(Row row, string principal)
    {
        // The negotiation goes through the same authorization as the WebSocket: it tells 401 from 403.
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/command/negotiate?negotiateVersion=1");
        string? token = tokens[principal];
        if (token is not null)
        {
            negotiate.Headers.Authorization = new("Bearer", token);
        }
        using var response = await http.SendAsync(negotiate);
        string body = await response.Content.ReadAsStringAsync();
        bool problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ((int)response.StatusCode, body, problem, []);
        }
        await using var console = await HubClient.ConnectAsync(app, token!);
        if (row.Path == "connect")
        {
            return (200, body, problem, []);
        }
        string jurisdiction = row.On == On.Shenxian ? ShenxianId : GuanxianId;
        var completion = await console.InvokeAsync("Watch", jurisdiction);
        if (completion.TryGetProperty("error", out var error))
        {
            string message = error.GetString() ?? "";
            // A refusal on the hub is a message, not a status; it reads as a 404 when it does not say whether the
            // jurisdiction exists, and as a 403 when it refuses the role.
            return (message.Contains("不存在或不在您的管辖范围内", StringComparison.Ordinal) ? 404 : 403, message, true, []);
        }
        return (completion.GetProperty("result").GetProperty("id").GetString() == jurisdiction ? 200 : 500, completion.ToString(), false, []);
    }

    private static string TeamIn(On on) => on switch
    {
        On.OwnTeam => OwnTeam,
        On.Shenxian => ShenxianTeam,
        _ => GuanxianTeam,
    };

    private async Task<string[]> TeamSecrets(string team) => [(await CommandApp.Team(duty, team)).Leader];

    private async Task<string> DeviceToken(string team) => (await app.IssueTerminal(team, "矩阵终端")).AccessToken;

    private async Task<List<FiledIncident>> FileMany(string county, int count)
    {
        var filed = new List<FiledIncident>();
        for (int i = 0; i < count; i++)
        {
            filed.Add(await FileIncident(duty, county, mass: true));
        }
        return filed;
    }

    private async Task<(string Username, string DisplayName)> NewUser(string county)
    {
        string name = $"matrix-{Interlocked.Increment(ref serial)}";
        string display = "矩阵用户" + name[7..];
        await CommandApp.Read<Abstractions.Access.UserView>(await admin.PostAsJsonAsync("/api/users",
            new { username = name, displayName = display, role = "leader", jurisdictionId = county, password = "grid-cell-2026" }), HttpStatusCode.Created);
        return (name, display);
    }

    /// <summary>A team commissioned by the city's duty officer in a county: available, and nobody's but this cell's.</summary>
    private async Task<string> NewTeam(string county)
    {
        string id = $"matrix-team-{Interlocked.Increment(ref serial)}";
        await CommandApp.Read<TeamView>(await duty.PutAsJsonAsync($"/api/teams/{id}", TeamDefinition(id, county, "对讲机")), HttpStatusCode.Created);
        return id;
    }

    private static object TeamDefinition(string id, string county, string equipment) => new
    {
        callsign = "矩阵" + id[12..] + "组",
        mode = "vehicle",
        leader = "矩阵队长",
        members = new[] { "矩阵队长", "队员甲" },
        equipment = new[] { equipment },
        jurisdictionId = county,
    };

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    /// <summary>What a cell sends; <paramref name="Token"/> replaces the principal's own; <paramref name="Secrets"/> are
    /// details of the target that a refusal must not contain.</summary>
    private sealed record Call(string Path, object? Body = null, string? Token = null, string[]? Secrets = null);
}
