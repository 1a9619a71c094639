using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Command.Abstractions.Access;
using Command.Abstractions.Disputes;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Disputes.Api;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Statistics;
using Microsoft.Extensions.Options;

namespace Command.Silo.Disputes;

/// <summary>
/// 矛盾纠纷台账 (逐人、逐案、逐项建立工作台账): disputes registered on their own or out of a case, mediation steps, 公调、访调、
/// 诉调对接 with a 24-hour 签收 deadline and a result that closes the loop, 民转刑 links, and the 调处率 / 调处成功率 table.
/// Duty officers and leaders of the dispute's jurisdiction or above it; nobody else.
/// </summary>
public static partial class DisputeEndpoints
{
    public const int MaxParties = 20;
    public const int MaxName = 40;
    public const int MaxText = 2000;
    public const int MaxNote = 500;
    public const double Target = 0.95;
    public static readonly TimeSpan ReceiptWithin = TimeSpan.FromHours(24);
    public const string NotFoundText = "找不到这起矛盾纠纷，可能不在您的辖区内；请刷新台账后重试。";

    public static IEndpointRouteBuilder MapDisputes(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/disputes", async (string id, DisputeFromIncidentRequest request, Caller caller, AccessScope scope,
            JurisdictionMap map, IGrainFactory grains, TimeProvider time) =>
        {
            var incident = scope.IncidentToChange(caller, id);
            var detail = await grains.GetGrain<IIncidentGrain>(incident.Id).GetDetail() ?? throw AccessScope.IncidentNotFound(id);
            string description = string.IsNullOrWhiteSpace(request.Description)
                ? (string.IsNullOrWhiteSpace(detail.Description) ? $"源自警情{detail.Number}" : detail.Description.Trim())
                : request.Description.Trim();
            var validation = new Validation();
            var parties = Parties(validation, request.Parties);
            Common(validation, request.Cause, description, request.Level);
            validation.ThrowIfInvalid();
            var registration = new DisputeRegistration("", parties, request.Cause!, description, detail.Location, detail.JurisdictionId,
                [.. map.ChainOf(detail.JurisdictionId).Select(j => j.Id)], request.Level!, detail.Id, detail.Number, caller.Subject);
            return await Register(registration, caller, grains, time);
        }).RequireAuthorization(AccessPolicies.Command).WithTags("Disputes")
            .WithSummary("矛盾纠纷台账: register a dispute grown out of a case; place and (unless given) description come from the case");

        var disputes = app.MapGroup("/api/disputes").WithTags("Disputes").RequireAuthorization(AccessPolicies.Command);

        disputes.MapPost("/", async (RegisterDisputeRequest request, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains, TimeProvider time) =>
        {
            var validation = new Validation();
            var parties = Parties(validation, request.Parties);
            Common(validation, request.Cause, request.Description?.Trim(), request.Level);
            validation.Position(request.Lon, request.Lat).ThrowIfInvalid();
            var placement = map.Locate(request.Lon!.Value, request.Lat!.Value);
            scope.RequireCovers(caller, placement.Jurisdiction.Id, "纠纷发生地");
            var registration = new DisputeRegistration("", parties, request.Cause!, request.Description!.Trim(), new GeoPoint(request.Lon.Value, request.Lat.Value),
                placement.Jurisdiction.Id, [.. placement.Chain.Select(j => j.Id)], request.Level!, null, null, caller.Subject);
            return await Register(registration, caller, grains, time);
        }).WithSummary("矛盾纠纷台账: register a dispute; its jurisdiction is the deepest one containing the point");

        disputes.MapGet("/", (
            [Description("open (not closed, handed off or not); handedOff (a 对接 awaits its result); overdue (a 对接 missed its 签收 deadline, not closed); closed; all when absent.")] string? state,
            [Description("Only disputes in this jurisdiction or below it.")] string? jurisdictionId,
            [Description("Only this cause: neighbour, marriageFamily, landContract, homestead, labour, landAcquisition, medical, property, other.")] string? cause,
            Caller caller, DisputeBoard board, AccessScope scope, JurisdictionMap map) =>
        {
            new Validation()
                .Require(state is null or "open" or "handedOff" or "overdue" or "closed", "state", "只能是open（未结案）、handedOff（对接中）、overdue（签收逾期）或closed（已结案）。")
                .Require(jurisdictionId is null || map.Find(jurisdictionId) is not null, "jurisdictionId", "不存在，请从辖区列表中选择。")
                .Require(cause is null || DisputeTerms.Causes.ContainsKey(cause), "disputeCause", $"只能是{DisputeTerms.Choices(DisputeTerms.Causes)}。")
                .ThrowIfInvalid();
            return board.All()
                .Where(d => scope.Covers(caller, d.JurisdictionId))
                .Where(d => jurisdictionId is null || map.IsWithin(d.JurisdictionId, jurisdictionId))
                .Where(d => cause is null || d.Cause == cause)
                .Where(d => state switch
                {
                    "open" => d.ClosedAt is null,
                    "handedOff" => d.State == "handedOff",
                    "overdue" => d.ClosedAt is null && d.HasOverdueHandoff,
                    "closed" => d.ClosedAt is not null,
                    _ => true,
                })
                .OrderBy(d => d.ClosedAt is not null).ThenByDescending(d => d.RegisteredAt).ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }).WithSummary("The 矛盾纠纷台账 of the caller's jurisdiction: open disputes first, newest first");

        disputes.MapGet("/rates", (
            [Description("The jurisdiction whose children make the rows (default: the caller's); one with no children makes one row.")] string? jurisdiction,
            [Description("Start: a Beijing date (2026-01-01) or an ISO-8601 time with an offset; default: 30 days before to.")] string? from,
            [Description("End: a Beijing date (included) or an ISO-8601 time with an offset (excluded); default: the end of today.")] string? to,
            Caller caller, DisputeBoard board, AccessScope scope, JurisdictionMap map, TimeProvider time, IOptions<IncidentOptions> options) =>
        {
            string id = string.IsNullOrWhiteSpace(jurisdiction) ? caller.JurisdictionId : jurisdiction.Trim();
            var parent = map.Find(id) ?? throw JurisdictionNotFound();
            if (!scope.Covers(caller, id))
            {
                throw AccessScope.Hidden(JurisdictionNotFound());
            }
            var (start, end) = StatisticsPeriod.Parse(from, to, time.GetUtcNow(), options.Value.LocalUtcOffset);
            var inPeriod = board.All().Where(d => d.RegisteredAt >= start && d.RegisteredAt < end).ToList();
            var rows = parent.ChildIds.Count == 0 ? [parent] : parent.ChildIds.Select(c => map.Find(c)!).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            return rows.Select(j => Rate(j.Id, j.Name, inPeriod.Where(d => d.JurisdictionChain.Contains(j.Id)).ToList())).ToList();
        }).WithSummary("调处率 (closed/registered) and 调处成功率 (mediated/closed) per child jurisdiction, of disputes registered in [from, to), with 民转刑 counts and a flag under 95%");

        disputes.MapGet("/{disputeId}", (string disputeId, Caller caller, DisputeBoard board, AccessScope scope) => Dispute(disputeId, caller, board, scope))
            .WithSummary("One dispute with its parties, steps, handoffs, 民转刑 links and timeline");

        disputes.MapPost("/{disputeId}/steps", async (string disputeId, DisputeStepRequest request, Caller caller, DisputeBoard board, AccessScope scope, IGrainFactory grains) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "必须填写调处过程，例如“组织双方到村委会面对面调解”。")
                .Text(request.Text?.Trim(), MaxText, "text")
                .ThrowIfInvalid();
            return await grains.GetGrain<IDisputeGrain>(dispute.Id).AddStep(request.Text!.Trim(), caller.Actor);
        }).WithSummary("Append a mediation step; who and when come from the journal, and it is never edited");

        disputes.MapPost("/{disputeId}/close", async (string disputeId, CloseDisputeRequest request, Caller caller, DisputeBoard board, AccessScope scope, IGrainFactory grains) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            new Validation()
                .Require(request.Outcome is not null && DisputeTerms.Outcomes.ContainsKey(request.Outcome), "outcome", $"只能是{DisputeTerms.Choices(DisputeTerms.Outcomes)}。")
                .Text(request.Note?.Trim(), MaxNote, "note")
                .ThrowIfInvalid();
            string? note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            return await grains.GetGrain<IDisputeGrain>(dispute.Id).Close(request.Outcome!, note, caller.Actor);
        }).WithSummary("结案 with an outcome: mediated (调解成功), failed (调解不成) or transferred (移交)");

        disputes.MapPost("/{disputeId}/handoffs", async (string disputeId, DisputeHandoffRequest request, Caller caller, DisputeBoard board, AccessScope scope,
            JurisdictionMap map, IGrainFactory grains, TimeProvider time) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            new Validation()
                .Require(request.Body is not null && DisputeTerms.Bodies.ContainsKey(request.Body), "body", $"只能是{DisputeTerms.Choices(DisputeTerms.Bodies)}。")
                .Require(!string.IsNullOrWhiteSpace(request.Receiver), "receiver", "必须填写接收人的用户名。")
                .Text(request.Note?.Trim(), MaxNote, "note")
                .ThrowIfInvalid();
            string receiverName = request.Receiver!.Trim();
            var receiver = Usernames.IsValid(receiverName) ? await grains.GetGrain<IUserGrain>(receiverName).Get() : null;
            if (receiver is null || receiver.Disabled || receiver.Role is not (Role.DutyOfficer or Role.Leader or Role.Department))
            {
                throw CommandRejectedException.Invalid($"找不到可以签收的账号“{(Usernames.IsValid(receiverName) ? receiverName : "（用户名格式不对）")}”：接收人须是在用的值班员、领导或联动单位账号。");
            }
            // A body receives what is its to mediate: 人民调解 the 司法所, 访调 the 信访局, 诉调 the court.
            if (receiver.Role == Role.Department && DisputeTerms.DepartmentFor(request.Body!) != receiver.Department)
            {
                throw CommandRejectedException.Invalid(
                    $"{receiver.DisplayName}不能接收{DisputeTerms.Bodies[request.Body!]}：请选择{DepartmentKinds.NameOf(DisputeTerms.DepartmentFor(request.Body!))}，或本辖区的值班员、领导。");
            }
            // Like a 督办 owner: someone the caller may task, who in turn sees the dispute.
            if (!scope.Covers(caller, receiver.JurisdictionId) || !map.IsWithin(dispute.JurisdictionId, receiver.JurisdictionId))
            {
                throw CommandRejectedException.Invalid(
                    $"{receiver.DisplayName}（{map.Find(receiver.JurisdictionId)?.Name}）不能接收纠纷{dispute.Number}：接收人须在您的辖区内，且纠纷在其辖区内。");
            }
            string? note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            return await grains.GetGrain<IDisputeGrain>(dispute.Id)
                .HandOff(request.Body!, receiver.Username, receiver.DisplayName, note, time.GetUtcNow() + ReceiptWithin, caller.Actor);
        }).WithSummary("公调、访调、诉调对接: hand the dispute over through a receiver (a username), who must 签收 within 24 hours");

        // The receiver may be a 联动单位 (司法所, 信访局, 法院), which has no ledger of its own: these two and its list of
        // handovers are outside the duty officers' and leaders' group.
        var receiving = app.MapGroup("/api/disputes").WithTags("Disputes").RequireAuthorization(AccessPolicies.DisputeReceiving);

        app.MapGet("/api/disputes/mine", (Caller caller, DisputeBoard board) =>
            board.All().Where(d => d.Handoffs.Any(x => x.ReceiverUsername == caller.Subject))
                .OrderByDescending(d => d.Handoffs.Where(x => x.ReceiverUsername == caller.Subject).Max(x => x.At)).ToList())
            .RequireAuthorization(AccessPolicies.DepartmentWork).WithTags("Disputes")
            .WithSummary("A 联动单位's disputes: those handed over to it (公调、访调、诉调对接), newest handover first");

        receiving.MapPost("/{disputeId}/handoffs/{n:int}/receipt", async (string disputeId, int n, Caller caller, DisputeBoard board, AccessScope scope, IGrainFactory grains) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            return await grains.GetGrain<IDisputeGrain>(dispute.Id).Receive(n, caller.Subject, caller.Actor);
        }).WithSummary("签收 of a handoff: only its receiver");

        receiving.MapPost("/{disputeId}/handoffs/{n:int}/result", async (string disputeId, int n, DisputeResultRequest request, Caller caller, DisputeBoard board,
            AccessScope scope, IGrainFactory grains) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            new Validation()
                .Require(request.Success is not null, "success", "必须填写：true（调解成功）或false（调解不成）。")
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "必须填写调处结果，例如“经人民调解委员会调解，双方达成协议”。")
                .Text(request.Text?.Trim(), MaxText, "text")
                .ThrowIfInvalid();
            return await grains.GetGrain<IDisputeGrain>(dispute.Id).ReturnResult(n, request.Success!.Value, request.Text!.Trim(), caller.Subject, caller.Actor);
        }).WithSummary("The receiver returns the result of a handoff; it closes the dispute as mediated or failed");

        disputes.MapPost("/{disputeId}/criminal-links", async (string disputeId, DisputeCriminalLinkRequest request, Caller caller, DisputeBoard board,
            AccessScope scope, IGrainFactory grains) =>
        {
            var dispute = Dispute(disputeId, caller, board, scope);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.IncidentId), "incidentId", "必须填写刑事警情的编号。").ThrowIfInvalid();
            var incident = scope.Incident(caller, request.IncidentId!.Trim());
            if (incident.Type != IncidentType.Criminal)
            {
                throw CommandRejectedException.Invalid($"警情{incident.Number}不是刑事警情，不能作为民转刑关联；请先核实警情类别。");
            }
            return await grains.GetGrain<IDisputeGrain>(dispute.Id).LinkCriminal(incident.Id, incident.Number, caller.Actor);
        }).WithSummary("民转刑: link a criminal case the dispute turned into");

        return app;
    }

    private static async Task<IResult> Register(DisputeRegistration registration, Caller caller, IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        string id = Guid.CreateVersion7(now).ToString("N");
        // JF + the Beijing date + the id's random tail: readable on paper, unique without a counter.
        string number = string.Create(CultureInfo.InvariantCulture, $"JF{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}-{id[^6..].ToUpperInvariant()}");
        var view = await grains.GetGrain<IDisputeGrain>(id).Register(registration with { Number = number }, caller.Actor);
        return Results.Created($"/api/disputes/{view.Id}", view);
    }

    private static List<DisputeParty> Parties(Validation validation, IReadOnlyList<DisputePartyRequest?>? parties)
    {
        validation.Require(parties is { Count: >= 1 and <= MaxParties }, "parties", $"应填写1到{MaxParties}人（姓名和身份：申请人、被申请人或当事人）。");
        var list = new List<DisputeParty>();
        for (int i = 0; parties is { Count: <= MaxParties } && i < parties.Count; i++)
        {
            var p = parties[i];
            string field = $"parties[{i}]";
            validation.Name(p?.Name, MaxName, field)
                .Require(p?.Role is not null && DisputeTerms.PartyRoles.ContainsKey(p.Role), field, $"的身份只能是{DisputeTerms.Choices(DisputeTerms.PartyRoles)}。")
                .Require(string.IsNullOrWhiteSpace(p?.Phone) || PhonePattern().IsMatch(p.Phone.Trim()), field, "的联系电话应为3到20位数字（可含“-”）。");
            if (p is not null)
            {
                list.Add(new DisputeParty(p.Name?.Trim() ?? "", p.Role ?? "", string.IsNullOrWhiteSpace(p.Phone) ? null : p.Phone.Trim()));
            }
        }
        return list;
    }

    private static void Common(Validation validation, string? cause, string? description, string? level) => validation
        .Require(cause is not null && DisputeTerms.Causes.ContainsKey(cause), "disputeCause", $"只能是{DisputeTerms.Choices(DisputeTerms.Causes)}。")
        .Require(!string.IsNullOrWhiteSpace(description), "disputeDescription", "必须填写，例如“两户因宅基地边界争执，多次发生口角”。")
        .Text(description, MaxText, "disputeDescription")
        .Require(level is not null && DisputeTerms.Levels.ContainsKey(level), "disputeLevel", $"只能是{DisputeTerms.Choices(DisputeTerms.Levels)}。");

    private static DisputeRateRow Rate(string id, string name, IReadOnlyList<DisputeView> disputes)
    {
        int registered = disputes.Count;
        int closed = disputes.Count(d => d.ClosedAt is not null);
        int mediated = disputes.Count(d => d.Outcome == "mediated");
        double? resolution = registered == 0 ? null : Math.Round((double)closed / registered, 4);
        double? success = closed == 0 ? null : Math.Round((double)mediated / closed, 4);
        bool below = resolution < Target || success < Target;
        return new DisputeRateRow(id, name, registered, closed, mediated, resolution, success, disputes.Count(d => d.CriminalLinks.Count > 0), below);
    }

    private static DisputeView Dispute(string disputeId, Caller caller, DisputeBoard board, AccessScope scope)
    {
        var notFound = CommandRejectedException.NotFound(NotFoundText);
        return board.Find(disputeId) is { } d ? (scope.Covers(caller, d.JurisdictionId) ? d : throw AccessScope.Hidden(notFound)) : throw notFound;
    }

    private static CommandRejectedException JurisdictionNotFound() =>
        CommandRejectedException.NotFound("找不到这个辖区，可能不在您的管辖范围内；请从辖区列表中选择。");

    [GeneratedRegex(@"^[0-9][0-9\-]{2,19}$")]
    private static partial Regex PhonePattern();
}
