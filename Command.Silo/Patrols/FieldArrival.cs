using System.Globalization;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Incidents;
using Command.Silo.Patrols.Api;
using Command.Silo.Spatial;
using Microsoft.Extensions.Options;

namespace Command.Silo.Patrols;

/// <summary>
/// The patrol terminal's checks and routes: 到达现场 against the distance to the scene, 请求增援 with how many and what
/// kind, and 处警反馈.
/// <para>Arrival: only a position sent with the report is evidence. A report without one (a duty officer entering what a
/// team said by radio, a client of the old contract) is taken as before: a team's last fix may be minutes old and would
/// refuse a team that is in fact there. A report from within Dispatch:ArrivalRadiusMeters is an ordinary arrival. From
/// further it is refused (409) unless <c>confirmedFar</c> is sent; a confirmed one is recorded as 远距离确认到场 with the
/// distance and meets no team-on-scene milestone until the team reports 到达现场 again from within the radius.</para>
/// </summary>
public static class FieldArrival
{
    private static readonly string[] Kinds = ["any", "vehicle", "foot", "motorcycle"];

    /// <summary>Null when the status should be reported as usual; otherwise the answer (an arrival verified again).</summary>
    public static async Task<TeamView?> Check(TeamView team, StatusRequest request, Caller caller, IGrainFactory grains, IncidentCatalog incidents, DispatchOptions options)
    {
        if (request.Lon is null && request.Lat is null)
        {
            return null;
        }
        if (request.Lon is not { } lon || request.Lat is not { } lat || !double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw CommandRejectedException.Invalid("上报到达现场时附带的本机位置不完整或超出范围（经度 -180 至 180，纬度 -90 至 90），请重新定位后再上报。");
        }
        if (team.IncidentId is not { } incidentId || incidents.Find(incidentId) is not { } incident)
        {
            return null;
        }
        int metres = (int)Math.Round(GeoMath.DistanceMeters(lon, lat, incident.Location.Lon, incident.Location.Lat));
        var grain = grains.GetGrain<IIncidentGrain>(incidentId);
        bool far = metres > options.ArrivalRadiusMeters;
        if (team.Status == TeamStatus.OnScene)
        {
            // Already on scene: a report from near the scene now verifies an arrival that was confirmed from far away.
            if (!far)
            {
                await grain.VerifyArrival(team.Id, metres, caller.Actor);
            }
            return team;
        }
        if (!far || TeamTransitions.Refusal(team.Status, TeamStatus.OnScene) is not null)
        {
            return null;
        }
        if (request.ConfirmedFar != true)
        {
            throw CommandRejectedException.Conflict(
                $"本机定位距警情 {incident.Number} 现场约 {Metres(metres)}，超过 {Metres((int)options.ArrivalRadiusMeters)}。如确已到达现场，请确认后再上报（将记录为远距离确认到场）；否则请继续前往现场。");
        }
        await grain.ConfirmFarArrival(team.Id, metres, lon, lat, caller.Actor);
        return null;
    }

    public static (int? Teams, string? Kind, IReadOnlyList<string>? Needs) BackupAsk(BackupRequest? request)
    {
        if (request is null)
        {
            return (null, null, null);
        }
        if (request.Teams is < 1 or > 10)
        {
            throw CommandRejectedException.Invalid($"增援数量应为 1 至 10 队，不是 {request.Teams} 队。");
        }
        if (request.Kind is { } kind && !Kinds.Contains(kind))
        {
            throw CommandRejectedException.Invalid("增援警力类型只能是：不限、车巡、步巡或摩托巡逻。");
        }
        var needs = request.Needs?.Select(n => n?.Trim() ?? "").ToList();
        if (needs is not null && (needs.Count > 6 || needs.Any(n => n.Length is 0 or > 16 || n.Any(char.IsControl))))
        {
            throw CommandRejectedException.Invalid("增援需要的装备最多填 6 项，每项 1 至 16 个字。");
        }
        return (request.Teams, request.Kind == "any" ? null : request.Kind, needs is { Count: > 0 } ? needs : null);
    }

    public static IEndpointRouteBuilder MapFieldReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/teams/{id}/field-report", async (string id, FieldReportRequest request, Caller caller, AccessScope scope, IGrainFactory grains,
            IncidentCatalog incidents) =>
        {
            var team = scope.TeamToActFor(caller, id);
            string? found = request.Found?.Trim(), actions = request.Actions?.Trim(), people = Blank(request.People), result = Blank(request.Result);
            if (string.IsNullOrEmpty(found) || string.IsNullOrEmpty(actions))
            {
                throw CommandRejectedException.Invalid("请填写现场情况和处置措施后再提交处警反馈。");
            }
            if (found.Length > 1000 || actions.Length > 1000 || people?.Length > 500 || result?.Length > 200)
            {
                throw CommandRejectedException.Invalid("处警反馈过长：现场情况和处置措施各最多 1000 字，涉及人员最多 500 字，处置结果最多 200 字。");
            }
            if (new[] { found, actions, people, result }.Any(t => t is not null && t.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
            {
                throw CommandRejectedException.Invalid("处警反馈中含有无法显示的字符，请删除后再提交。");
            }
            if (request.PeopleCount is < 0 or > 100000)
            {
                throw CommandRejectedException.Invalid("涉及人数应为 0 至 100000 之间的整数。");
            }
            // After 处置完毕 the team is no longer on the case; the terminal names the case it has just left.
            string incidentId = team.IncidentId ?? request.IncidentId
                ?? throw CommandRejectedException.Conflict($"{team.Callsign}当前没有派警任务，无法提交处警反馈。");
            if (team.IncidentId is null)
            {
                // A duty officer names a case of their jurisdiction; a team's own terminal may name a case it has left,
                // which the incident checks against its assignments.
                if (caller.Role == Abstractions.Access.Role.DutyOfficer)
                {
                    scope.Incident(caller, incidentId);
                }
                else if (incidents.Find(incidentId) is null)
                {
                    throw CommandRejectedException.NotFound("找不到这起警情，请刷新页面后重试。");
                }
            }
            return await grains.GetGrain<IIncidentGrain>(incidentId).SubmitFieldReport(team.Id,
                new FieldReport(found, actions, people, request.PeopleCount, result), caller.Actor);
        }).RequireAuthorization(AccessPolicies.ReportForTeam).WithTags("Patrol teams")
            .WithSummary("处警反馈: what the team found, did, and who was involved; on the incident's timeline");
        return app;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Metres(int metres) => metres >= 1000
        ? (metres / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " 公里"
        : metres.ToString(CultureInfo.InvariantCulture) + " 米";
}
