using Command.Abstractions.Access;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Access;

/// <summary>
/// GET /api/colleagues: the people a duty officer or leader may hand work to, for the pages' name pickers, so nobody has to
/// know a username by heart. The same subtree rule as the owner of a 督办 item: the caller's jurisdiction and below.
/// </summary>
public static class ColleagueEndpoints
{
    public static IEndpointRouteBuilder MapColleagues(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/colleagues", async (Caller caller, IGrainFactory grains, JurisdictionMap map) =>
            (await grains.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List())
                .Where(u => !u.Disabled && u.Role is Role.DutyOfficer or Role.Leader or Role.Department && map.IsWithin(u.JurisdictionId, caller.JurisdictionId))
                .OrderBy(u => map.ChainOf(u.JurisdictionId).Count).ThenBy(u => u.JurisdictionId, StringComparer.Ordinal).ThenBy(u => u.Role).ThenBy(u => u.Username, StringComparer.Ordinal)
                .Select(u => new Colleague(u.Username, u.DisplayName, u.Role, u.JurisdictionId, map.Find(u.JurisdictionId)?.Name ?? "", u.Department))
                .ToList())
            .RequireAuthorization(AccessPolicies.Command).WithTags("Access")
            .WithSummary("Duty officers, leaders and 联动单位 of the caller's jurisdiction and below: whom a 督办 item or a dispute's 对接 may go to");
        return app;
    }
}
