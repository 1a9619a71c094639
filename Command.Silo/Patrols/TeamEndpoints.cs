using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols.Api;
using Microsoft.Extensions.Options;

namespace Command.Silo.Patrols;

public static class TeamEndpoints
{
    private static string Hours(TimeSpan? span) => (span ?? TimeSpan.Zero).TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").WithTags("Patrol teams");

        teams.MapGet("/", (string? jurisdictionId, Caller caller, TeamRegistry registry, JurisdictionMap map, AccessScope scope) =>
            registry.All()
                .Where(t => scope.CanSee(caller, t))
                .Where(t => jurisdictionId is null || map.IsWithin(t.JurisdictionId, jurisdictionId))
                .OrderBy(t => t.Id, StringComparer.Ordinal)
                .ToList())
            .RequireAuthorization(AccessPolicies.ReadTeams);

        teams.MapGet("/{id}", (string id, Caller caller, AccessScope scope) => scope.Team(caller, id)).RequireAuthorization(AccessPolicies.ReadTeams);

        teams.MapPut("/{id}", async (string id, TeamDefinition definition, Caller caller, TeamRegistry registry, IGrainFactory grains, AccessScope scope,
            JurisdictionMap map) =>
        {
            new Validation()
                .Require(id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "id", "最多64个字符，只能是字母、数字、连字符或下划线。")
                .Name(definition.Callsign, 32, "callsign")
                .Require(Enum.IsDefined(definition.Mode), "mode", "只能是步巡、车巡、卡点或摩巡。")
                .Name(definition.Leader, 32, "leader")
                .Names(definition.Members, 1, 30, 32, "members")
                .Names(definition.Equipment, 0, 30, 32, "equipment")
                .Require(!string.IsNullOrWhiteSpace(definition.JurisdictionId) && map.Find(definition.JurisdictionId) is not null, "jurisdictionId", "不是已有的辖区，请从辖区列表中选择。")
                .Require(definition.LeaderPhone is null || (definition.LeaderPhone.Length <= 20 && definition.LeaderPhone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')),
                    "leaderPhone", "最多20位，只能有数字、+、-和空格。")
                .ThrowIfInvalid();
            bool existed = registry.Find(id) is not null;
            if (existed)
            {
                scope.Team(caller, id);
            }
            scope.RequireCovers(caller, definition.JurisdictionId, "该巡防队");
            // Names are kept as they will be read: without the spaces around them.
            definition = definition with
            {
                Callsign = definition.Callsign.Trim(),
                Leader = definition.Leader.Trim(),
                Members = [.. definition.Members.Select(m => m.Trim())],
                Equipment = [.. definition.Equipment.Select(e => e.Trim())],
            };
            if (registry.CallsignHolder(definition.Callsign, id) is { } holder)
            {
                // Callsigns are unique city-wide, so saying it is taken cannot be helped; which team holds it is said only
                // to those who may see that team.
                throw CommandRejectedException.Conflict(scope.CanSee(caller, holder)
                    ? $"呼号“{definition.Callsign}”已被{map.Find(holder.JurisdictionId)?.Name ?? "另一辖区"}的巡防队{holder.Callsign}使用；全市的呼号不得重复，请换一个呼号。"
                    : $"呼号“{definition.Callsign}”已被您辖区以外的一支巡防队使用；全市的呼号不得重复，请换一个呼号。");
            }
            var view = await grains.GetGrain<IPatrolTeamGrain>(id).Commission(definition, caller.Actor);
            return existed ? Results.Ok(view) : Results.Created($"/api/teams/{id}", view);
        }).RequireAuthorization(AccessPolicies.ManageTeams).WithSummary("Commission a team, or update its definition; callsigns are unique city-wide (409)");

        teams.MapPost("/{id}/positions", async (string id, PositionRequest request, Caller caller, AccessScope scope, IGrainFactory grains, TimeProvider time,
            IOptions<DispatchOptions> dispatch) =>
        {
            var team = grains.GetGrain<IPatrolTeamGrain>(scope.TeamToActFor(caller, id).Id);
            var now = time.GetUtcNow();
            var maxError = dispatch.Value.PositionMaxClockError;
            new Validation()
                .Position(request.Lon, request.Lat)
                .Require(request.At is null || request.At <= now + maxError, "at",
                    $"比服务器时间（{Wording.Time(now)}）快{Hours(request.At - now)}小时，超过允许的{maxError.TotalHours:0.##}小时；请校准终端的日期和时间，或不填定位时间。")
                .Require(request.At is null || request.At >= now - maxError, "at",
                    $"比服务器时间（{Wording.Time(now)}）慢{Hours(now - request.At)}小时，超过允许的{maxError.TotalHours:0.##}小时，太旧的定位不能标到地图上；请校准终端的日期和时间，或不填定位时间。")
                .Require(request.HeadingDeg is null || (double.IsFinite(request.HeadingDeg.Value) && request.HeadingDeg is >= 0 and <= 360), "headingDeg", "应在0到360度之间。")
                .Require(request.SpeedMps is null || (double.IsFinite(request.SpeedMps.Value) && request.SpeedMps is >= 0 and <= 100), "speedMps", "应在每秒0到100米之间。")
                .ThrowIfInvalid();
            // A terminal whose clock runs ahead is still put on the map, at the time the fix arrived: stamped in the
            // future it would outrank every real fix until its clock time came round.
            var at = request.At is { } stamped && stamped < now ? stamped : now;
            var ahead = request.At - now;
            await team.ReportPosition(new TeamPosition(request.Lon!.Value, request.Lat!.Value, at, request.HeadingDeg, request.SpeedMps));
            return Results.Accepted(value: ahead > dispatch.Value.PositionClockSkew
                ? new PositionAccepted(at, Math.Round(ahead.Value.TotalSeconds),
                    $"终端时钟比服务器快{ahead.Value.TotalSeconds:0}秒，这次定位按服务器时间记录；请校准终端的时钟。")
                : new PositionAccepted(at, null, null));
        }).RequireAuthorization(AccessPolicies.ReportForTeam).RequireRateLimiting(AccessServiceExtensions.PositionLimit)
            .WithSummary("Report a team's position (telemetry): its terminal, its leader, or a duty officer placing it by hand");

        teams.MapPost("/{id}/status", async (string id, StatusRequest request, Caller caller, AccessScope scope, IGrainFactory grains,
            Incidents.IncidentCatalog incidents, IOptions<DispatchOptions> dispatch) =>
        {
            var team = grains.GetGrain<IPatrolTeamGrain>(scope.TeamToActFor(caller, id).Id);
            TeamStatus? status = request.Status is { } name && name.All(char.IsAsciiLetter) && Enum.TryParse<TeamStatus>(name, ignoreCase: true, out var s) ? s : null;
            new Validation().Require(status is not null, "status",
                $"不是已有的状态，请从{Wording.OneOf(Enum.GetValues<TeamStatus>().Select(Wording.TeamStatus))}中选择。").ThrowIfInvalid();
            if (status == TeamStatus.OnScene && await FieldArrival.Check(scope.Team(caller, id), request, caller, grains, incidents, dispatch.Value) is { } verified)
            {
                return verified;
            }
            return await team.ReportStatus(status!.Value, caller.Actor);
        }).RequireAuthorization(AccessPolicies.ReportForTeam).WithSummary("Report a team's status; 409 for a transition that is not allowed");

        teams.MapPost("/{id}/backup", async (string id, BackupRequest? request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var team = scope.TeamToActFor(caller, id, dutyOfficerMay: false);
            new Validation().Text(request?.Note, 500, "note").ThrowIfInvalid();
            if (team.IncidentId is null)
            {
                throw CommandRejectedException.Conflict($"{team.Callsign}现在没有正在处置的警情，不能请求增援。");
            }
            var (teams, kind, needs) = FieldArrival.BackupAsk(request);
            return await grains.GetGrain<IIncidentGrain>(team.IncidentId).AskBackup(id, string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim(),
                teams, kind, needs, caller.Actor);
        }).RequireAuthorization(AccessPolicies.TeamBackup).WithSummary("The team asks for backup (请求增援) at its current incident");

        return app;
    }
}
