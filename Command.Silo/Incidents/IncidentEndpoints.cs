using System.ComponentModel;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Incidents.Api;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Incidents;

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(AccessPolicies.ReadIncidents);

        incidents.MapPost("/", async (CreateIncidentRequest request, Caller caller, IncidentIntake intake, AccessScope scope, JurisdictionMap map) =>
        {
            var call = intake.Validate(request);
            scope.RequireCovers(caller, map.Locate(call.Location.Lon, call.Location.Lat).Jurisdiction.Id, "报警位置");
            var detail = await intake.ReceiveAsync(call, caller.Actor);
            return Results.Created($"/api/incidents/{detail.Id}", detail);
        }).RequireAuthorization(AccessPolicies.Dispatch).WithSummary("Receive a call (110/119/120/122) as an incident");

        var list = app.ServiceProvider.GetRequiredService<IOptions<IncidentOptions>>().Value;
        incidents.MapGet("/", (
            [Description("true: only incidents not yet closed; false: only closed ones.")] bool? active,
            [Description("Only incidents in this jurisdiction or below it.")] string? jurisdictionId,
            [Description("Incidents per page (default and largest: see the summary).")] int? limit,
            [Description("The cursor of the next page, from the previous page's Link header; opaque.")] string? before,
            Caller caller, IncidentCatalog catalog, JurisdictionMap map, AccessScope scope, IOptions<IncidentOptions> options, HttpContext http) =>
        {
            int max = Math.Max(1, options.Value.ListPageSizeMax);
            IncidentCursor? cursor = null;
            new Validation()
                .Require(limit is null || (limit >= 1 && limit <= max), "limit", $"应在1到{max}之间。")
                .Require(before is null || IncidentCursor.TryParse(before, out cursor), "before", "无法识别，请从第一页重新翻页。")
                .ThrowIfInvalid();
            int size = Math.Clamp(limit ?? options.Value.ListPageSize, 1, max);
            var page = catalog.All()
                .Where(i => scope.CanSee(caller, i))
                .Where(i => active is null || (i.Status != IncidentStatus.Closed) == active)
                .Where(i => jurisdictionId is null || map.IsWithin(i.JurisdictionId, jurisdictionId))
                .Where(i => cursor is null || cursor.Precedes(i))
                .OrderByDescending(i => i.ReceivedAt.UtcTicks).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Take(size + 1)
                .ToList();
            if (page.Count > size)
            {
                page.RemoveAt(size);
                http.Response.Headers.Link = $"<{NextPage(http.Request, IncidentCursor.After(page[^1]))}>; rel=\"next\"";
            }
            return page;
        })
            .WithSummary($"Incident summaries, newest first, {list.ListPageSize} a page (?limit= up to {list.ListPageSizeMax}); " +
                "while more follow, the Link header (rel=\"next\") names the next page (?before=); ?active=true for open incidents, ?jurisdictionId= for one area")
            .WithDescription("The answer is a JSON array of incident summaries. A client that wants them all follows the Link header's " +
                "rel=\"next\" address until an answer has none; incidents received meanwhile do not shift the pages.");

        incidents.MapGet("/{id}", async (string id, Caller caller, AccessScope scope, IGrainFactory grains) =>
            await grains.GetGrain<IIncidentGrain>(scope.Incident(caller, id).Id).GetDetail() ?? throw AccessScope.IncidentNotFound(id));

        incidents.MapGet("/{id}/recommendations", (string id, int? limit, Caller caller, AccessScope scope, TeamRegistry teams) =>
        {
            var incident = scope.Incident(caller, id);
            new Validation().Require(limit is null or >= 1 and <= 50, "limit", "应在1到50之间。").ThrowIfInvalid();
            return teams.RecommendFor(incident, limit ?? 5, team => scope.CanSee(caller, team));
        }).RequireAuthorization(AccessPolicies.Command).WithSummary("Available teams ranked by estimated arrival");

        incidents.MapPost("/{id}/assignments", async (string id, AssignTeamRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = Incident(id, caller, scope, grains);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.TeamId), "teamId", "必须选择：请选一支要派的警力。").ThrowIfInvalid();
            scope.Team(caller, request.TeamId!);
            return await grain.Assign(request.TeamId!, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Dispatch).WithSummary("Dispatch a team; 409 when it is not available")
            .WithDescription("A 409 may carry nextStep {action, gate?} beside its detail: requestApproval with the 三个慎用 gate (policeForce) " +
                "when a leader's approval is needed and none is pending (POST /api/incidents/{id}/approvals), awaitApproval while one is, " +
                "pickAnotherTeam when the team is not free.");

        incidents.MapPost("/{id}/handling", async (string id, StartHandlingRequest? request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = Incident(id, caller, scope, grains);
            new Validation().Text(request?.Note, IncidentIntake.MaxDescription, "note").ThrowIfInvalid();
            return await grain.StartHandling(request?.Note, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Handling).WithSummary("Mark that handling (处置) has begun");

        incidents.MapPost("/{id}/close", async (string id, CloseIncidentRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = Incident(id, caller, scope, grains);
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Resolution), "resolution", "必须填写：请写明警情是怎样处置办结的。")
                .Text(request.Resolution, IncidentIntake.MaxDescription, "resolution")
                .ThrowIfInvalid();
            return await grain.Conclude(request.Resolution!.Trim(), request.ConfirmNoArrival == true, CaseControlEndpoints.NoArrivalReason(request), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Dispatch).WithSummary("Close (办结) the incident and free its teams");

        incidents.MapGet("/{id}/timeline", async (string id, Caller caller, AccessScope scope, IGrainFactory grains) =>
            await grains.GetGrain<IIncidentGrain>(scope.Incident(caller, id).Id).GetTimeline())
            .WithSummary("Every recorded event, in order");

        return app;
    }

    /// <summary>The same list from the cursor on: the request's own path and query, its cursor replaced.</summary>
    private static string NextPage(HttpRequest request, IncidentCursor cursor)
    {
        var query = new QueryBuilder(request.Query
            .Where(q => !q.Key.Equals("before", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "before", cursor.Encode() },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }

    /// <summary>The catalog knows every incident, so unknown ids, and those outside the caller's jurisdiction, are
    /// refused alike without waking a grain; a case only transferred to the caller is refused until they sign for it.</summary>
    internal static IIncidentGrain Incident(string id, Caller caller, AccessScope scope, IGrainFactory grains) =>
        grains.GetGrain<IIncidentGrain>(scope.IncidentToChange(caller, id).Id);
}
