using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols.Api;

namespace Command.Silo.Patrols;

public static class TeamEndpoints
{
    /// <summary>A fix stamped further ahead than this is a broken clock on the device, not a position.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").WithTags("Patrol teams");

        teams.MapGet("/", (string? jurisdictionId, TeamRegistry registry, JurisdictionMap map) =>
            registry.All()
                .Where(t => jurisdictionId is null || map.IsWithin(t.JurisdictionId, jurisdictionId))
                .OrderBy(t => t.Id, StringComparer.Ordinal)
                .ToList());

        teams.MapGet("/{id}", (string id, TeamRegistry registry) => registry.Find(id) ?? throw NotFound(id));

        teams.MapPut("/{id}", async (string id, TeamDefinition definition, TeamRegistry registry, IGrainFactory grains, HttpContext http) =>
        {
            new Validation()
                .Require(id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "id", "must be at most 64 letters, digits, - or _.")
                .Require(!string.IsNullOrWhiteSpace(definition.Callsign) && definition.Callsign.Length <= 32, "callsign", "is required, at most 32 characters.")
                .Require(Enum.IsDefined(definition.Mode), "mode", "must be foot, vehicle, checkpoint or motorcycle.")
                .Require(!string.IsNullOrWhiteSpace(definition.Leader) && definition.Leader.Length <= 32, "leader", "is required, at most 32 characters.")
                .Require(definition.Members is { Count: >= 1 and <= 30 } && definition.Members.All(m => !string.IsNullOrWhiteSpace(m) && m.Length <= 32), "members", "must list 1 to 30 names of at most 32 characters.")
                .Require(definition.Equipment is { Count: <= 30 } && definition.Equipment.All(e => !string.IsNullOrWhiteSpace(e) && e.Length <= 32), "equipment", "must list at most 30 items of at most 32 characters.")
                .Require(!string.IsNullOrWhiteSpace(definition.JurisdictionId), "jurisdictionId", "is required.")
                .ThrowIfInvalid();
            bool existed = registry.Find(id) is not null;
            var view = await grains.GetGrain<IPatrolTeamGrain>(id).Commission(definition, Actor.From(http));
            return existed ? Results.Ok(view) : Results.Created($"/api/teams/{id}", view);
        }).WithSummary("Commission a team, or update its definition");

        teams.MapPost("/{id}/positions", async (string id, PositionRequest request, TeamRegistry registry, IGrainFactory grains, TimeProvider time) =>
        {
            var team = Team(id, registry, grains);
            var now = time.GetUtcNow();
            new Validation()
                .Position(request.Lon, request.Lat)
                .Require(request.At is null || request.At <= now + MaxClockSkew, "at", $"is in the future ({request.At:O}); check the device clock.")
                .Require(request.HeadingDeg is null || (double.IsFinite(request.HeadingDeg.Value) && request.HeadingDeg is >= 0 and <= 360), "headingDeg", "must be between 0 and 360.")
                .Require(request.SpeedMps is null || (double.IsFinite(request.SpeedMps.Value) && request.SpeedMps is >= 0 and <= 100), "speedMps", "must be between 0 and 100.")
                .ThrowIfInvalid();
            await team.ReportPosition(new TeamPosition(request.Lon!.Value, request.Lat!.Value, request.At ?? now, request.HeadingDeg, request.SpeedMps));
            return Results.Accepted();
        }).WithSummary("Report a team's position (telemetry)");

        teams.MapPost("/{id}/status", async (string id, StatusRequest request, TeamRegistry registry, IGrainFactory grains, HttpContext http) =>
        {
            var team = Team(id, registry, grains);
            TeamStatus? status = request.Status is { } name && name.All(char.IsAsciiLetter) && Enum.TryParse<TeamStatus>(name, ignoreCase: true, out var s) ? s : null;
            new Validation().Require(status is not null, "status",
                $"'{request.Status}' is not one of {string.Join(", ", Enum.GetValues<TeamStatus>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())))}.").ThrowIfInvalid();
            return await team.ReportStatus(status!.Value, Actor.From(http));
        }).WithSummary("Report a team's status; 409 for a transition that is not allowed");

        teams.MapPost("/{id}/backup", async (string id, BackupRequest? request, TeamRegistry registry, IGrainFactory grains, HttpContext http) =>
        {
            var team = registry.Find(id) ?? throw NotFound(id);
            new Validation().MaxLength(request?.Note, 500, "note").ThrowIfInvalid();
            if (team.IncidentId is null)
            {
                throw CommandRejectedException.Conflict($"Team {team.Callsign} has no current assignment to ask backup for.");
            }
            return await grains.GetGrain<IIncidentGrain>(team.IncidentId).RequestBackup(id, string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim(), Actor.From(http));
        }).WithSummary("The team asks for backup (请求增援) at its current incident");

        return app;
    }

    private static IPatrolTeamGrain Team(string id, TeamRegistry registry, IGrainFactory grains) =>
        registry.Find(id) is null ? throw NotFound(id) : grains.GetGrain<IPatrolTeamGrain>(id);

    private static CommandRejectedException NotFound(string id) => CommandRejectedException.NotFound($"No team has the id {id}.");
}
