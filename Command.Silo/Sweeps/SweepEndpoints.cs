using System.ComponentModel;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Abstractions.Sweeps;
using Command.Silo.Access;
using Command.Silo.Disputes;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Sweeps.Api;

namespace Command.Silo.Sweeps;

/// <summary>
/// 排查与零报告 (镇每半月一次，村（社区）每周一次): a township or village reports its 排查 each period, a 零报告 when
/// nothing was found; a period that ends unreported is 逾期未报 and goes up to the parent level. Its own desks and the
/// parent's report; the desks above see the rows.
/// </summary>
public static class SweepEndpoints
{
    public const int MaxText = 2000;
    public const int MaxFound = 999;
    public const int MaxDisputes = 50;
    public const string NotFoundText = "找不到这个辖区，可能不在您的管辖范围内；请从辖区列表中选择。";

    public static string NoScheduleText(JurisdictionInfo jurisdiction) =>
        $"{jurisdiction.Name}是{Wording.Level(jurisdiction.Level)}，不报送排查情况：排查由乡镇（街道）每半月、村（社区）每周报送一次，请选择乡镇或村（社区）。";

    public static IEndpointRouteBuilder MapSweeps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sweeps", (
            [Description("The jurisdiction whose reporting townships or villages make the rows (default: the caller's); a village is its own row.")] string? jurisdictionId,
            Caller caller, AccessScope scope, JurisdictionMap map, SweepSchedule schedule, SweepBoard board, TimeProvider time) =>
        {
            var parent = Visible(string.IsNullOrWhiteSpace(jurisdictionId) ? caller.JurisdictionId : jurisdictionId.Trim(), caller, scope, map);
            var now = time.GetUtcNow();
            return Rows(parent, map).Select(j => schedule.Status(j, board.Find(j.Id), now)).ToList();
        }).RequireAuthorization(AccessPolicies.Command).WithTags("Sweeps")
            .WithSummary("排查与零报告: per reporting township or village below the jurisdiction, the current period, its due time, its state and the last report");

        app.MapGet("/api/jurisdictions/{id}/sweeps", (string id, Caller caller, AccessScope scope, JurisdictionMap map, SweepSchedule schedule,
            SweepBoard board, TimeProvider time) =>
        {
            var jurisdiction = Reporting(Visible(id, caller, scope, map));
            var ledger = board.Find(jurisdiction.Id);
            return new SweepHistory(schedule.Status(jurisdiction, ledger, time.GetUtcNow()), [.. (ledger?.Periods ?? []).Reverse()]);
        }).RequireAuthorization(AccessPolicies.Command).WithTags("Sweeps")
            .WithSummary("One schedule's status and every period on record, newest first: reports (迟报 marked late), 逾期未报 marks and escalations");

        app.MapPost("/api/jurisdictions/{id}/sweeps", async (string id, SweepReportRequest request, Caller caller, AccessScope scope, JurisdictionMap map,
            DisputeBoard disputes, IGrainFactory grains) =>
        {
            var jurisdiction = Reporting(Visible(id, caller, scope, map));
            if (caller.JurisdictionId != jurisdiction.Id && caller.JurisdictionId != jurisdiction.ParentId)
            {
                throw CommandRejectedException.Forbidden(
                    $"{jurisdiction.Name}的排查情况由本辖区或{map.Find(jurisdiction.ParentId ?? "")?.Name ?? "上一级"}的值班员、领导报送；您可以查看，但不能代报。");
            }
            string text = request.Text?.Trim() ?? "";
            var ids = (request.DisputeIds ?? []).Select(d => d?.Trim() ?? "").ToList();
            var named = ids.Distinct(StringComparer.Ordinal).ToList();
            var validation = new Validation()
                .Require(request.Nil is not null, "sweepNil", "必须选择：是（零报告，本期未排查出矛盾纠纷）或否（排查出矛盾纠纷）。")
                .Require(request.Nil != true || request.Found is null or 0, "found", $"与零报告矛盾：零报告表示本期未排查出矛盾纠纷，发现数应为0，现在是{request.Found}。")
                .Require(request.Nil != false || request.Found is >= 1 and <= MaxFound, "found", $"应填写本期排查出的矛盾纠纷数（1到{MaxFound}）。")
                .Require(request.Nil != false || text.Length > 0, "sweepText", "必须填写（未选零报告时），例如“排查出邻里宅基地纠纷1起，已登记并组织调解”。")
                .Text(text, MaxText, "sweepText")
                .Require(ids.Count <= MaxDisputes, "disputeIds", $"最多关联{MaxDisputes}起纠纷。")
                .Require(request.Nil != true || ids.Count == 0, "disputeIds", "与零报告矛盾：零报告不能关联已登记的纠纷。")
                .Require(request.Nil != false || request.Found is not { } n || n >= named.Count, "found",
                    $"少于关联的台账纠纷数：关联了{named.Count}起，发现数是{request.Found}；每起关联的纠纷都算作本期发现。");
            for (int i = 0; i < ids.Count && i < MaxDisputes; i++)
            {
                validation.Require(disputes.Find(ids[i]) is { } d && map.IsWithin(d.JurisdictionId, jurisdiction.Id), $"disputeIds[{i}]",
                    $"不是{jurisdiction.Name}台账中的纠纷，请从矛盾纠纷台账中选择。");
            }
            validation.ThrowIfInvalid();
            bool nil = request.Nil!.Value;
            var submission = new SweepSubmission(nil, nil ? 0 : request.Found!.Value, text.Length > 0 ? text : "本期排查未发现矛盾纠纷。", named);
            return await grains.GetGrain<ISweepGrain>(jurisdiction.Id).Submit(submission, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Command).WithTags("Sweeps")
            .WithSummary("Report this period's 排查 (a 零报告 when nil); after a missed period, the report is for that one and marked 迟报");

        return app;
    }

    /// <summary>The first reporting level below: a county's townships, a township's villages; the city's townships across its counties.</summary>
    private static List<JurisdictionInfo> Rows(JurisdictionInfo parent, JurisdictionMap map)
    {
        if (parent.Level == JurisdictionLevel.Village)
        {
            return [parent];
        }
        var rows = new List<JurisdictionInfo>();
        foreach (var child in parent.ChildIds.Select(map.Find).OfType<JurisdictionInfo>().OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (SweepSchedule.Reports(child))
            {
                rows.Add(child);
            }
            else if (child.Level < JurisdictionLevel.Township)
            {
                rows.AddRange(Rows(child, map));
            }
        }
        return rows;
    }

    private static JurisdictionInfo Visible(string id, Caller caller, AccessScope scope, JurisdictionMap map)
    {
        var notFound = CommandRejectedException.NotFound(NotFoundText);
        var jurisdiction = map.Find(id) ?? throw notFound;
        return scope.Covers(caller, jurisdiction.Id) ? jurisdiction : throw AccessScope.Hidden(notFound);
    }

    private static JurisdictionInfo Reporting(JurisdictionInfo jurisdiction) =>
        SweepSchedule.Reports(jurisdiction) ? jurisdiction : throw CommandRejectedException.Invalid(NoScheduleText(jurisdiction));
}
