using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;

namespace Command.Silo.Incidents;

/// <summary>
/// 警力不足: when no team of the incident's own county can come, the nearest suitable teams of the counties that border
/// it. A county duty officer sees them (callsign, arrival, equipment, county) so as to know whom to ask, but may send
/// only what is in their scope (<see cref="Recommendation.CanDispatch"/>); the city's officer may send them all.
/// </summary>
public static class NeighbourSupportEndpoints
{
    public static IEndpointRouteBuilder MapNeighbourSupport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id}/neighbour-support", (string id, int? limit, Caller caller, AccessScope scope, TeamRegistry teams,
            NeighbourCounties counties, JurisdictionMap map) =>
        {
            var incident = scope.Incident(caller, id);
            new Validation().Require(limit is null or >= 1 and <= 20, "limit", "must be between 1 and 20.").ThrowIfInvalid();
            string? county = incident.CountyId ?? counties.CountyOf(incident.JurisdictionId);
            if (county is null)
            {
                return [];
            }
            var bordering = counties.Of(county);
            return teams.RecommendFor(incident, limit ?? 3, team => counties.CountyOf(team.JurisdictionId) is { } c && bordering.Contains(c))
                .Select(r => r with
                {
                    Neighbouring = true,
                    JurisdictionName = map.Find(counties.CountyOf(r.JurisdictionId) ?? r.JurisdictionId)?.Name,
                    CanDispatch = teams.Find(r.TeamId) is { } team && scope.CanSee(caller, team),
                })
                .ToList();
        }).WithTags("Incidents").RequireAuthorization(AccessPolicies.Command)
            .WithSummary("警力不足: the nearest suitable available teams of the counties bordering the incident's county (neighbouring: true); " +
                "canDispatch is false for teams the caller may not send, whose county's duty officer must be asked");
        return app;
    }
}
