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

        jurisdictions.MapGet("/{id}/shifts", async (string id, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains) =>
        {
            RequireDesk(caller, scope, map, id);
            return await grains.GetGrain<IJurisdictionGrain>(id).GetSchedule();
        }).WithSummary("值班表: who is on duty now (the shift covering now, or the standing roster) and the shifts, past and planned");

        jurisdictions.MapPut("/{id}/shifts", async (string id, PlanShiftsRequest request, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains) =>
        {
            RequireDesk(caller, scope, map, id);
            var shifts = ValidShifts(request);
            return await grains.GetGrain<IJurisdictionGrain>(id).PlanShifts(shifts, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("值班表: replace the shifts that have not started yet; escalations go to whoever the shift covering their moment names");

        jurisdictions.MapPost("/{id}/handover-notes", async (string id, HandoverNoteRequest request, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains) =>
        {
            RequireDesk(caller, scope, map, id);
            if (caller.Role is not (Abstractions.Access.Role.DutyOfficer or Abstractions.Access.Role.Leader))
            {
                throw CommandRejectedException.Forbidden("交班留言由当班的值班员或带班领导填写。");
            }
            string text = request.Text?.Trim() ?? "";
            new Validation()
                .Require(text.Length > 0, "handoverNote", "不能为空：请写明需要下一班接着办的事、要盯的警情、答复群众的承诺等。")
                .Text(text, MaxNote, "handoverNote")
                .ThrowIfInvalid();
            var note = await grains.GetGrain<IJurisdictionGrain>(id).WriteHandoverNote(text, caller.Actor);
            return Results.Created($"/api/jurisdictions/{id}/shifts", note);
        }).WithSummary("交班留言: a note for the next shift, journaled; it is shown with the roster and on the next shift's 交接班");

        return app;
    }

    public const int MaxShifts = 100;
    public const int MaxNote = 2000;
    public static readonly TimeSpan MaxShift = TimeSpan.FromHours(48);

    /// <summary>Rosters are for the desks that run the jurisdiction: its duty officers, leaders and administrators.</summary>
    private static void RequireDesk(Caller caller, AccessScope scope, JurisdictionMap map, string id)
    {
        if (!scope.Covers(caller, id) || map.Find(id) is not { } info || info.Level > JurisdictionLevel.Village)
        {
            throw CommandRejectedException.NotFound("找不到这个辖区的值班表，可能不在您的管辖范围内；值班表到村（社区）一级。");
        }
        if (caller.Role is not (Abstractions.Access.Role.DutyOfficer or Abstractions.Access.Role.Leader or Abstractions.Access.Role.Admin))
        {
            throw CommandRejectedException.Forbidden("值班表只对值班员、领导和系统管理员开放。");
        }
    }

    private static List<DutyShift> ValidShifts(PlanShiftsRequest request)
    {
        var shifts = request.Shifts ?? [];
        var check = new Validation().Require(shifts.Count <= MaxShifts, "shifts", $"一次最多安排{MaxShifts}个班次。");
        for (int i = 0; i < Math.Min(shifts.Count, MaxShifts); i++)
        {
            var s = shifts[i];
            string field = $"shifts[{i}]";
            check.Require(s is not null && s.From is not null && s.To is not null, field, "须填写开始和结束时间。");
            if (s?.From is { } from && s.To is { } to)
            {
                check.Require(to > from, field, "结束时间应晚于开始时间。")
                    .Require(to - from <= MaxShift, field, $"一个班次最长{MaxShift.TotalHours:0}小时。")
                    .Require(i == 0 || shifts[i - 1]?.To is not { } previous || from >= previous, field, "与上一个班次重叠，请按时间先后排列、不要重叠。");
            }
            check.Name(s?.DutyOfficer, 20, field, required: false)
                .Name(s?.LeaderOnDuty, 20, field, required: false)
                .Require(s?.LeaderPhone is null || (s.LeaderPhone.Length is >= 5 and <= 20 && s.LeaderPhone.All(c => char.IsAsciiDigit(c) || c == '-')), field,
                    "领导电话只能是5到20位数字（可含“-”）。");
        }
        check.ThrowIfInvalid();
        return [.. shifts.Select(s => new DutyShift(s.From!.Value, s.To!.Value, Trimmed(s.DutyOfficer), Trimmed(s.LeaderOnDuty), Trimmed(s.LeaderPhone)))];
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
