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
                .Require(id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "id", "must be at most 64 letters, digits, - or _.")
                .Name(definition.Callsign, 32, "callsign")
                .Require(Enum.IsDefined(definition.Mode), "mode", "must be foot, vehicle, checkpoint or motorcycle.")
                .Name(definition.Leader, 32, "leader")
                .Names(definition.Members, 1, 30, 32, "members")
                .Names(definition.Equipment, 0, 30, 32, "equipment")
                .Require(!string.IsNullOrWhiteSpace(definition.JurisdictionId) && map.Find(definition.JurisdictionId) is not null, "jurisdictionId", "must be a known jurisdiction.")
                .Require(definition.LeaderPhone is null || (definition.LeaderPhone.Length <= 20 && definition.LeaderPhone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')),
                    "leaderPhone", "must be at most 20 digits, with + - or spaces.")
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
                    ? $"呼号“{definition.Callsign}”已被巡防队 {holder.Callsign}（{holder.Id}，{map.Find(holder.JurisdictionId)?.Name ?? holder.JurisdictionId}）使用；全市的呼号不得重复。"
                    : $"呼号“{definition.Callsign}”已被您辖区以外的一支巡防队使用；全市的呼号不得重复。");
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
                    $"is {Hours(request.At - now)} hours ahead of the server's clock ({now:O}), more than {maxError.TotalHours:0.##}; check the device's date, or leave at out.")
                .Require(request.At is null || request.At >= now - maxError, "at",
                    $"is {Hours(now - request.At)} hours behind the server's clock ({now:O}), more than {maxError.TotalHours:0.##}: too old to place a team; check the device's date, or leave at out.")
                .Require(request.HeadingDeg is null || (double.IsFinite(request.HeadingDeg.Value) && request.HeadingDeg is >= 0 and <= 360), "headingDeg", "must be between 0 and 360.")
                .Require(request.SpeedMps is null || (double.IsFinite(request.SpeedMps.Value) && request.SpeedMps is >= 0 and <= 100), "speedMps", "must be between 0 and 100.")
                .ThrowIfInvalid();
            // A terminal whose clock runs ahead is still put on the map, at the time the fix arrived: stamped in the
            // future it would outrank every real fix until its clock time came round.
            var at = request.At is { } stamped && stamped < now ? stamped : now;
            var ahead = request.At - now;
            await team.ReportPosition(new TeamPosition(request.Lon!.Value, request.Lat!.Value, at, request.HeadingDeg, request.SpeedMps));
            return Results.Accepted(value: ahead > dispatch.Value.PositionClockSkew
                ? new PositionAccepted(at, Math.Round(ahead.Value.TotalSeconds),
                    $"The device's clock is {ahead.Value.TotalSeconds:0} s ahead of the server's; the fix was recorded at the server's time. Set the terminal's clock.")
                : new PositionAccepted(at, null, null));
        }).RequireAuthorization(AccessPolicies.ReportForTeam).RequireRateLimiting(AccessServiceExtensions.PositionLimit)
            .WithSummary("Report a team's position (telemetry): its terminal, its leader, or a duty officer placing it by hand");

        teams.MapPost("/{id}/status", async (string id, StatusRequest request, Caller caller, AccessScope scope, IGrainFactory grains,
            Incidents.IncidentCatalog incidents, IOptions<DispatchOptions> dispatch) =>
        {
            var team = grains.GetGrain<IPatrolTeamGrain>(scope.TeamToActFor(caller, id).Id);
            TeamStatus? status = request.Status is { } name && name.All(char.IsAsciiLetter) && Enum.TryParse<TeamStatus>(name, ignoreCase: true, out var s) ? s : null;
            new Validation().Require(status is not null, "status",
                $"'{request.Status}' is not one of {string.Join(", ", Enum.GetValues<TeamStatus>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())))}.").ThrowIfInvalid();
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
                throw CommandRejectedException.Conflict($"Team {team.Callsign} has no current assignment to ask backup for.");
            }
            var (teams, kind, needs) = FieldArrival.BackupAsk(request);
            return await grains.GetGrain<IIncidentGrain>(team.IncidentId).AskBackup(id, string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim(),
                teams, kind, needs, caller.Actor);
        }).RequireAuthorization(AccessPolicies.TeamBackup).WithSummary("The team asks for backup (请求增援) at its current incident");

        return app;
    }
}
