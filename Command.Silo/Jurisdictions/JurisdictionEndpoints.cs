using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Spatial;

namespace Command.Silo.Jurisdictions;

public static class JurisdictionEndpoints
{
    public static IEndpointRouteBuilder MapJurisdictions(this IEndpointRouteBuilder app)
    {
        var jurisdictions = app.MapGroup("/api/jurisdictions").WithTags("Jurisdictions").RequireAuthorization(AccessPolicies.ReadMap);

        jurisdictions.MapGet("/", (string? level, string? parentId, Caller caller, AccessScope scope, JurisdictionMap map) =>
        {
            JurisdictionLevel? wanted = level is null ? null
                : level.All(char.IsAsciiLetter) && Enum.TryParse<JurisdictionLevel>(level, ignoreCase: true, out var l) ? l
                : throw CommandRejectedException.Invalid("层级只能是市、县、乡镇（街道）、村（社区）或网格。");
            return map.All
                .Where(j => scope.ShowsOnMap(caller, j.Id))
                .Where(j => wanted is null || j.Level == wanted)
                .Where(j => parentId is null || j.ParentId == parentId)
                .OrderBy(j => j.Level).ThenBy(j => j.Id, StringComparer.Ordinal)
                .Select(j => j.ToNode())
                .ToList();
        }).WithSummary("The jurisdiction tree (the caller's subtree and the levels above it), optionally one level or one parent's children");

        jurisdictions.MapGet("/locate", (double? lon, double? lat, JurisdictionMap map) =>
        {
            new Validation().Position(lon, lat).ThrowIfInvalid();
            var placement = map.Locate(lon!.Value, lat!.Value);
            return new
            {
                jurisdiction = placement.Jurisdiction.ToNode(),
                chain = placement.Chain.Select(j => j.ToNode()),
                placement.OutsideBoundary,
                distanceMeters = placement.DistanceMeters,
            };
        }).WithSummary("The deepest jurisdiction containing a point, with its ancestors");

        jurisdictions.MapGet("/{id}", async (string id, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains,
            Patrols.TeamRegistry teams, Incidents.IncidentCatalog catalog) =>
        {
            var info = (scope.Covers(caller, id) ? map.Find(id) : null) ?? throw CommandRejectedException.NotFound("找不到这个辖区，可能不在您的管辖范围内；请从辖区列表中选择。");
            var state = await grains.GetGrain<IJurisdictionGrain>(id).GetState();
            return new
            {
                info.Id,
                info.Name,
                info.Level,
                info.ParentId,
                info.Synthetic,
                boundary = GeoJson.ToJsonNode(info.Boundary, 5),
                childIds = info.ChildIds,
                // Within the jurisdiction, each caller still sees only the teams and incidents their role may see.
                teamIds = state.TeamIds.Where(t => teams.Find(t) is { } team && scope.CanSee(caller, team)).ToList(),
                activeIncidentIds = state.ActiveIncidentIds.Where(i => catalog.Find(i) is { } incident && scope.CanSee(caller, incident)).ToList(),
                // The duty roster names the people on duty and how to reach them: for the desks that run the jurisdiction.
                roster = caller.Role is Abstractions.Access.Role.PatrolLeader ? null : state.Roster,
            };
        }).WithSummary("One jurisdiction with its boundary, teams, active incidents and duty roster");

        return app;
    }
}
