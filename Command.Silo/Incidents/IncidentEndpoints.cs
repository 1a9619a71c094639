using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Incidents.Api;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;

namespace Command.Silo.Incidents;

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");

        incidents.MapPost("/", async (CreateIncidentRequest request, IncidentIntake intake, HttpContext http) =>
        {
            var detail = await intake.ReceiveAsync(intake.Validate(request), Actor.From(http));
            return Results.Created($"/api/incidents/{detail.Id}", detail);
        }).WithSummary("Receive a call (110/119/120/122) as an incident");

        incidents.MapGet("/", (bool? active, string? jurisdictionId, IncidentCatalog catalog, JurisdictionMap map) =>
            catalog.All()
                .Where(i => active is null || (i.Status != IncidentStatus.Closed) == active)
                .Where(i => jurisdictionId is null || map.IsWithin(i.JurisdictionId, jurisdictionId))
                .OrderByDescending(i => i.ReceivedAt)
                .ToList())
            .WithSummary("Incident summaries, newest first");

        incidents.MapGet("/{id}", async (string id, IncidentCatalog catalog, IGrainFactory grains) =>
            await Incident(id, catalog, grains).GetDetail() ?? throw NotFound(id));

        incidents.MapGet("/{id}/recommendations", (string id, int? limit, IncidentCatalog catalog, TeamRegistry teams) =>
        {
            var incident = catalog.Find(id) ?? throw NotFound(id);
            new Validation().Require(limit is null or >= 1 and <= 50, "limit", "must be between 1 and 50.").ThrowIfInvalid();
            return teams.Recommend(incident.Location.Lon, incident.Location.Lat, incident.Type, limit ?? 5);
        }).WithSummary("Available teams ranked by estimated arrival");

        incidents.MapPost("/{id}/assignments", async (string id, AssignTeamRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.TeamId), "teamId", "is required.").ThrowIfInvalid();
            return await grain.Assign(request.TeamId!, Actor.From(http));
        }).WithSummary("Dispatch a team; 409 when it is not available");

        incidents.MapPost("/{id}/handling", async (string id, StartHandlingRequest? request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().MaxLength(request?.Note, IncidentIntake.MaxDescription, "note").ThrowIfInvalid();
            return await grain.StartHandling(request?.Note, Actor.From(http));
        }).WithSummary("Mark that handling (处置) has begun");

        incidents.MapPost("/{id}/close", async (string id, CloseIncidentRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Resolution), "resolution", "is required: say how the incident was resolved.")
                .MaxLength(request.Resolution, IncidentIntake.MaxDescription, "resolution")
                .ThrowIfInvalid();
            return await grain.Close(request.Resolution!.Trim(), Actor.From(http));
        }).WithSummary("Close (办结) the incident and free its teams");

        incidents.MapGet("/{id}/timeline", async (string id, IncidentCatalog catalog, IGrainFactory grains) =>
            await Incident(id, catalog, grains).GetTimeline())
            .WithSummary("Every recorded event, in order");

        return app;
    }

    /// <summary>The catalog knows every incident, so unknown ids are refused without waking a grain.</summary>
    internal static IIncidentGrain Incident(string id, IncidentCatalog catalog, IGrainFactory grains) =>
        catalog.Find(id) is null ? throw NotFound(id) : grains.GetGrain<IIncidentGrain>(id);

    private static CommandRejectedException NotFound(string id) => CommandRejectedException.NotFound($"No incident has the id {id}.");
}
