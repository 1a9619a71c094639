using Command.Abstractions.Access;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Abstractions.SensitivePeriods;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.SensitivePeriods.Api;

namespace Command.Silo.SensitivePeriods;

/// <summary>敏感时期: "重要时段、敏感时期" — the city's leaders switch the tighter rules on for a date range; every desk sees it.</summary>
public static class SensitivePeriodEndpoints
{
    public const int MaxName = 30;
    public const int MaxReason = 500;

    public static IEndpointRouteBuilder MapSensitivePeriods(this IEndpointRouteBuilder app)
    {
        var periods = app.MapGroup("/api/sensitive-periods").WithTags("SensitivePeriods");

        periods.MapGet("", (IGrainFactory grains) => City(grains).List())
            .RequireAuthorization(AccessPolicies.ReadMap)
            .WithSummary("敏感时期: every period declared, newest first, and whether it is in force now");

        periods.MapPost("", async (DeclareSensitivePeriodRequest request, Caller caller, JurisdictionMap map, IGrainFactory grains) =>
        {
            RequireCityLeader(caller, map);
            new Validation()
                .Name(request.Name, MaxName, "name")
                .Require(request.From is not null, "from", "必须填写。")
                .Require(request.To is not null, "to", "必须填写。")
                .Text(request.Reason?.Trim(), MaxReason, "reason")
                .ThrowIfInvalid();
            var declared = await City(grains).Declare(new SensitivePeriodDeclaration(request.Name!.Trim(), request.From!.Value, request.To!.Value,
                string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim()), caller.Actor);
            return Results.Created($"/api/sensitive-periods", declared);
        }).RequireAuthorization(AccessPolicies.Lead)
            .WithSummary("敏感时期: a city leader declares one for a date range; new cases in it run on the tighter rules");

        periods.MapPost("/{periodId}/end", async (string periodId, Caller caller, JurisdictionMap map, IGrainFactory grains) =>
        {
            RequireCityLeader(caller, map);
            return await City(grains).End(periodId, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead)
            .WithSummary("敏感时期: a city leader ends one early (or withdraws one not yet started)");

        return app;
    }

    private static ISensitivePeriodGrain City(IGrainFactory grains) => grains.GetGrain<ISensitivePeriodGrain>(JurisdictionMap.CityId);

    private static void RequireCityLeader(Caller caller, JurisdictionMap map)
    {
        if (caller.Role != Role.Leader || map.Find(caller.JurisdictionId)?.Level != JurisdictionLevel.City)
        {
            throw CommandRejectedException.Forbidden("敏感时期由市级领导发布和结束。");
        }
    }
}
