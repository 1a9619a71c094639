using System.ComponentModel;
using Command.Abstractions.Runtime;
using Command.Abstractions.Statistics;
using Command.Silo.Access;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Statistics;

/// <summary>统计研判 and 考核: figures computed on the server from the cases' journals, for a jurisdiction in the caller's
/// subtree (their own by default) and a period (the last 30 Beijing days by default).</summary>
public static class StatisticsEndpoints
{
    private const string JurisdictionHelp = "A jurisdiction in the caller's subtree; default: the caller's own.";
    private const string FromHelp = "Start: a Beijing date (2026-01-01, from its first moment) or an ISO-8601 time with an offset; default: 30 days before to.";
    private const string ToHelp = "End: a Beijing date (included) or an ISO-8601 time with an offset (excluded); default: the end of today. At most 400 days after from.";

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var statistics = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(AccessPolicies.Statistics);

        statistics.MapGet("/", (
            [Description(JurisdictionHelp)] string? jurisdiction,
            [Description(FromHelp)] string? from,
            [Description(ToHelp)] string? to,
            Caller caller, AccessScope scope, JurisdictionMap map, StatisticsQuery query, TimeProvider time, IOptions<IncidentOptions> options) =>
        {
            var (id, start, end) = Request(jurisdiction, from, to, caller, scope, map, time, options.Value);
            return query.Report(id, start, end);
        })
            .WithSummary("统计研判: cases by channel, type, severity and hour; dispatch and arrival times; overdue dispatches; golden-window breaches; " +
                "escalations and their acknowledgement; 矛盾激化 hot spots; the same for each child jurisdiction")
            .WithDescription("Medians and p90 are nearest-rank over whole seconds. A case counts when it was received in [from, to) inside the jurisdiction.");

        statistics.MapGet("/scorecard", (
            [Description(JurisdictionHelp)] string? jurisdiction,
            [Description(FromHelp)] string? from,
            [Description(ToHelp)] string? to,
            Caller caller, AccessScope scope, JurisdictionMap map, StatisticsQuery query, TimeProvider time, IOptions<IncidentOptions> options) =>
        {
            var (id, start, end) = Request(jurisdiction, from, to, caller, scope, map, time, options.Value);
            return query.Scorecard(id, start, end);
        })
            .WithSummary("考核 scorecard: one row per child jurisdiction (the counties of the city, the townships of a county) and the total, " +
                "with the 一票否决 risk flags");

        statistics.MapGet("/scorecard.csv", (
            [Description(JurisdictionHelp)] string? jurisdiction,
            [Description(FromHelp)] string? from,
            [Description(ToHelp)] string? to,
            Caller caller, AccessScope scope, JurisdictionMap map, StatisticsQuery query, TimeProvider time, IOptions<IncidentOptions> options) =>
        {
            var (id, start, end) = Request(jurisdiction, from, to, caller, scope, map, time, options.Value);
            var scorecard = query.Scorecard(id, start, end);
            var offset = options.Value.LocalUtcOffset;
            string name = FormattableString.Invariant($"scorecard-{id}-{start.ToOffset(offset):yyyyMMdd}-{end.ToOffset(offset).AddTicks(-1):yyyyMMdd}.csv");
            return Results.File(ScorecardCsv.Write(scorecard), "text/csv; charset=utf-8", name);
        })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The 考核 scorecard as CSV: UTF-8 with a byte-order mark, Chinese headers, cells escaped against formula injection");

        return app;
    }

    private static (string Id, DateTimeOffset From, DateTimeOffset To) Request(string? jurisdiction, string? from, string? to, Caller caller,
        AccessScope scope, JurisdictionMap map, TimeProvider time, IncidentOptions options)
    {
        string id = string.IsNullOrWhiteSpace(jurisdiction) ? caller.JurisdictionId : jurisdiction.Trim();
        if (map.Find(id) is null)
        {
            throw NotFound();
        }
        if (!scope.Covers(caller, id))
        {
            throw AccessScope.Hidden(NotFound());
        }
        var (start, end) = StatisticsPeriod.Parse(from, to, time.GetUtcNow(), options.LocalUtcOffset);
        return (id, start, end);
    }

    private static CommandRejectedException NotFound() =>
        CommandRejectedException.NotFound("找不到这个辖区，可能不在您的管辖范围内；请从辖区列表中选择。");
}
