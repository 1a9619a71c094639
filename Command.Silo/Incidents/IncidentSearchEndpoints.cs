using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Incidents;

/// <summary>历史警情查询 and the 交接班 view: both read the catalog, within the caller's jurisdiction like the incident list.</summary>
public static class IncidentSearchEndpoints
{
    public const int SearchLimitDefault = 50;
    public const int SearchLimitMax = 500;

    /// <summary>Shifts change at 08:00 and 20:00 Beijing time, the usual 两班倒 of a county 110 centre.</summary>
    public static readonly int[] ShiftStartHours = [8, 20];

    public static IEndpointRouteBuilder MapIncidentSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/search", (
            [Description("Part of the case number (LC-20261202-0007) or of the address.")] string? q,
            [Description("Received at or after this time (ISO-8601 with an offset).")] string? from,
            [Description("Received before this time (ISO-8601 with an offset).")] string? to,
            [Description("Incident type, e.g. publicOrder.")] string? type,
            [Description("Digits of the caller's phone.")] string? phone,
            [Description("closed (default): only closed cases; all: open ones too.")] string? status,
            [Description($"At most this many, newest first (default 50, at most 500).")] int? limit,
            Caller caller, IncidentCatalog catalog, AccessScope scope) =>
        {
            var since = ParseTime(from, "开始时间");
            var until = ParseTime(to, "结束时间");
            if (since is not null && until is not null && until < since)
            {
                throw CommandRejectedException.Invalid("结束时间早于开始时间，请重新选择查询时段。");
            }
            IncidentType? kind = null;
            if (!string.IsNullOrWhiteSpace(type))
            {
                kind = Enum.TryParse<IncidentType>(type.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                    : throw CommandRejectedException.Invalid("警情类别不在列表中，请从列表中选择。");
            }
            bool closedOnly = status is null or "" or "closed" ? true
                : status == "all" ? false
                : throw CommandRejectedException.Invalid("状态只能是“已办结”或“全部”。");
            if (limit is not null and (< 1 or > SearchLimitMax))
            {
                throw CommandRejectedException.Invalid($"每次最多查询{SearchLimitMax}条，请缩小条数。");
            }
            string? text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
            string? digits = string.IsNullOrWhiteSpace(phone) ? null : new string([.. phone.Where(char.IsAsciiDigit)]);
            if (phone is not null && digits is "")
            {
                throw CommandRejectedException.Invalid("报警电话请输入数字。");
            }
            return catalog.All()
                .Where(i => scope.CanSee(caller, i))
                .Where(i => !closedOnly || i.Status == IncidentStatus.Closed)
                .Where(i => since is null || i.ReceivedAt >= since)
                .Where(i => until is null || i.ReceivedAt < until)
                .Where(i => kind is null || i.Type == kind)
                .Where(i => text is null || i.Number.Contains(text, StringComparison.OrdinalIgnoreCase) || (i.Address?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false))
                .Where(i => digits is null || (catalog.PhoneOf(i.Id) is { } p && new string([.. p.Where(char.IsAsciiDigit)]).Contains(digits, StringComparison.Ordinal)))
                .OrderByDescending(i => i.ReceivedAt.UtcTicks).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Take(limit ?? SearchLimitDefault)
                .ToList();
        }).WithTags("Incidents").RequireAuthorization(AccessPolicies.Dispatch)
            .WithSummary("历史警情查询: search cases by number or address, time received, type and caller phone, newest first");

        app.MapGet("/api/handover", async (
            [Description("The shift's start (ISO-8601 with an offset); default: the last 08:00 or 20:00 Beijing time.")] string? since,
            Caller caller, IncidentCatalog catalog, AccessScope scope, JurisdictionMap map, IGrainFactory grains, TimeProvider time,
            Microsoft.Extensions.Options.IOptions<IncidentOptions> options) =>
        {
            var now = time.GetUtcNow();
            var start = ParseTime(since, "接班时间") ?? ShiftStart(now, options.Value.LocalUtcOffset);
            if (start > now)
            {
                throw CommandRejectedException.Invalid("接班时间晚于现在，请选择本班开始的时间。");
            }
            if (now - start > TimeSpan.FromDays(2))
            {
                throw CommandRejectedException.Invalid("交接班只统计最近两天内的一个班次，请选择本班开始的时间；更早的警情请用历史警情查询。");
            }
            var seen = catalog.All().Where(i => scope.CanSee(caller, i)).ToList();
            var open = seen.Where(i => i.Status != IncidentStatus.Closed).OrderBy(i => i.Severity).ThenBy(i => i.ReceivedAt).ToList();
            // Cases closed before the shift took no part in it; every other one may have.
            var touched = seen.Where(i => i.Status != IncidentStatus.Closed || i.StatusSince >= start).ToList();
            var timelines = new List<(IncidentSummary Incident, IReadOnlyList<TimelineEntry> Entries)>();
            foreach (var chunk in touched.Chunk(16))
            {
                var read = await Task.WhenAll(chunk.Select(async i => (i, await grains.GetGrain<IIncidentGrain>(i.Id).GetTimeline())));
                timelines.AddRange(read);
            }
            var onShift = timelines.Select(t => (t.Incident, Entries: t.Entries.Where(e => e.At >= start && e.At <= now).ToList())).ToList();
            int Count(string kind) => onShift.Sum(t => t.Entries.Count(e => e.Kind == kind));
            int closed = onShift.Sum(t => t.Entries.Count(e => e.Kind == "statusChanged" && Data(e, "to") == "closed"));
            bool Mine(string? jurisdictionId) => jurisdictionId is not null && scope.Covers(caller, jurisdictionId);
            int transfersOut = onShift.Sum(t => t.Entries.Count(e => e.Kind == "transferRequested" && Mine(Data(e, "fromJurisdictionId")) && !Mine(Data(e, "toJurisdictionId"))));
            int transfersIn = onShift.Sum(t => t.Entries.Count(e => e.Kind == "transferSigned" && Mine(Data(e, "toJurisdictionId")) && !Mine(Data(e, "fromJurisdictionId"))));
            var pending = seen.Where(i => i.Status != IncidentStatus.Closed && i.Transfer is { IsPending: true }).ToList();
            var counts = new HandoverCounts(Count("received"), Count("teamAssigned"), closed, Count("dispatchOverdue"), Count("escalationRaised"),
                Count("backupRequested"), transfersOut, transfersIn, pending.Count, open.Count);
            var jurisdiction = map.Find(caller.JurisdictionId);
            // The note for this shift was written at the end of the one before it.
            var notes = jurisdiction is { Level: <= JurisdictionLevel.Village }
                ? (await grains.GetGrain<IJurisdictionGrain>(caller.JurisdictionId).GetSchedule()).Notes.Where(n => n.At >= start.AddDays(-1)).ToList()
                : [];
            return new HandoverReport(start.ToOffset(options.Value.LocalUtcOffset), now.ToOffset(options.Value.LocalUtcOffset), caller.JurisdictionId,
                jurisdiction?.Name ?? "", counts, open, pending,
                [.. onShift.Where(t => t.Entries.Count > 0).Select(t => t.Incident).OrderBy(i => i.ReceivedAt)]) { Notes = notes };
        }).WithTags("Incidents").RequireAuthorization(AccessPolicies.Dispatch)
            .WithSummary("交接班: open cases and what happened on the shift in the caller's jurisdiction");

        return app;
    }

    /// <summary>The last 08:00 or 20:00 Beijing time at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset ShiftStart(DateTimeOffset now, TimeSpan offset)
    {
        var local = now.ToOffset(offset);
        var starts = ShiftStartHours.SelectMany(h => new[] { local.Date.AddDays(-1).AddHours(h), local.Date.AddHours(h) })
            .Select(d => new DateTimeOffset(d, offset))
            .Where(d => d <= local);
        return starts.Max().ToUniversalTime();
    }

    private static string? Data(TimelineEntry entry, string property) =>
        entry.Data.ValueKind == JsonValueKind.Object && entry.Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static DateTimeOffset? ParseTime(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? null
            : DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime()
            : throw CommandRejectedException.Invalid($"{what}格式不对，请用日期时间选择框选择。");
}
