using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Escalation.Api;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Microsoft.Extensions.Options;

namespace Command.Silo.Escalation;

public static class EscalationEndpoints
{
    /// <summary>A post such as 县委常委、政法委书记.</summary>
    private const int MaxTitle = 32;

    private const int MaxCheckInNote = 500;

    public static IEndpointRouteBuilder MapEscalation(this IEndpointRouteBuilder app)
    {
        var escalations = app.MapGroup("/api/escalations").WithTags("Escalations");

        escalations.MapGet("/", (bool? open, string? jurisdictionId, Caller caller, AccessScope scope, EscalationBoard board, Jurisdictions.JurisdictionMap map) =>
            board.All()
                .Where(e => scope.CanSee(caller, e))
                .Where(e => open is null || e.IsOpen == open)
                .Where(e => jurisdictionId is null || map.IsWithin(e.JurisdictionId, jurisdictionId))
                .OrderByDescending(e => e.RaisedAt).ThenBy(e => e.Level)
                .ToList())
            .RequireAuthorization(AccessPolicies.Command)
            .WithSummary("Escalations, newest first; ?open=true for those not yet acknowledged");

        escalations.MapPost("/{id}/ack", async (string id, AcknowledgeRequest? request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var escalation = scope.EscalationToLead(caller, id);
            new Validation().Text(request?.Comment, IncidentIntake.MaxDescription, "comment").ThrowIfInvalid();
            string? comment = string.IsNullOrWhiteSpace(request?.Comment) ? null : request.Comment.Trim();
            return await grains.GetGrain<IIncidentGrain>(escalation.IncidentId).AcknowledgeEscalation(id, comment, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead)
            .WithSummary("Acknowledge (签收) an escalation, with an optional {comment}: the leaders of the level it has reached, or above");

        escalations.MapPost("/{id}/escalate", async (string id, EscalateRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var escalation = scope.EscalationToLead(caller, id);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "必须填写：领导决定提级，要写明理由。")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grains.GetGrain<IIncidentGrain>(escalation.IncidentId).EscalateFurther(id, request.Reason!.Trim(), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("A leader takes the case one level higher than the rules' ceiling");

        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Mass incidents").RequireAuthorization(AccessPolicies.Command);

        incidents.MapPost("/mass", async (string id, DeclareMassIncidentRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.CrowdSize is null or >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"应在0到{IncidentIntake.MaxCrowd}人之间。").ThrowIfInvalid();
            return await grain.DeclareMassIncident(request.Cause ?? "other", request.CrowdSize, caller.Actor);
        }).WithSummary("Upgrade to a mass incident (群体性事件): opens the golden window");

        incidents.MapPost("/crowd", async (string id, CrowdRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.CrowdSize is >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"必须填写，应在0到{IncidentIntake.MaxCrowd}人之间。").ThrowIfInvalid();
            return await grain.ReviseCrowd(request.CrowdSize!.Value, caller.Actor);
        }).WithSummary("Revise the crowd estimate");

        incidents.MapPost("/severity", async (string id, SeverityRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation()
                .Require(request.Severity is { } s && Severity.IsValid(s), "severity", "必须填写：1（I级 特别重大）到4（IV级 一般）。")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "必须填写。")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.ChangeSeverity(request.Severity!.Value, request.Reason!.Trim(), caller.Actor);
        }).WithSummary("Change the severity; an upgrade escalates");

        incidents.MapPost("/leader-checkins", async (string id, LeaderCheckInRequest request, Caller caller, AccessScope scope, IGrainFactory grains,
            Jurisdictions.JurisdictionMap map) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            // Who checked in, and at what level, is what meets 领导亲临现场: both come from the account, never from the body.
            var home = map.Find(caller.JurisdictionId)
                ?? throw CommandRejectedException.Conflict($"{caller.DisplayName}的账号所属辖区不在地图上，无法签到；请联系管理员核对账号的辖区。");
            string level = JsonNamingPolicy.CamelCase.ConvertName(home.Level.ToString());
            new Validation()
                .Require(SignedInLeader.IsNamedBy(caller, request.Leader), "leader", SignedInLeader.Refusal(caller, "到场签到"))
                .Require(request.Level is null || string.Equals(request.Level.Trim(), level, StringComparison.OrdinalIgnoreCase), "level",
                    $"与{caller.DisplayName}的层级不符：签到记为本人所属辖区（{home.Name}）的{Wording.Level(home.Level)}；请不要填写层级。")
                .Text(request.Title, MaxTitle, "title")
                .Text(request.Note, MaxCheckInNote, "note")
                .Position(request.Lon, request.Lat).ThrowIfInvalid();
            var checkIn = new LeaderCheckIn(caller.Subject, caller.DisplayName, home.Id, home.Level, request.Lon!.Value, request.Lat!.Value,
                Clean(request.Title), Clean(request.Note));
            return await grain.CheckInLeader(checkIn, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("领导亲临现场: the signed-in leader checks in at the scene, at their own jurisdiction's level");

        incidents.MapPost("/reports", async (string id, ReportRequest request, Caller caller, AccessScope scope, IGrainFactory grains, IOptions<IncidentOptions> options) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation()
                .Require(request.Kind is not null && CommandRules.ReportKinds.Contains(request.Kind), "kind", $"必须从{Wording.OneOf(CommandRules.ReportKinds.Select(Wording.ReportKind))}中选择。")
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "必须填写：报告要写明内容，不能只打勾。")
                .Text(request.Text, options.Value.MaxReportLength, "text").ThrowIfInvalid();
            return await grain.SubmitReport(request.Kind!, request.Text!.Trim(), caller.Actor);
        }).WithSummary("Submit a report up the chain (信息报送, 书面报告)");

        incidents.MapPost("/approvals", async (string id, ApprovalRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.Gate is not null && Gates.All.Contains(request.Gate), "gate", $"只能是{Wording.OneOf(Gates.All.Select(Gates.Title))}。")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "必须填写。").Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.RequestApproval(request.Gate!, request.Reason!.Trim(), caller.Actor);
        }).WithSummary("Ask a leader to approve a 三个慎用 gate");

        incidents.MapPost("/approvals/{gate}/decision", async (string id, string gate, ApprovalDecisionRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(Gates.All.Contains(gate), "gate", $"只能是{Wording.OneOf(Gates.All.Select(Gates.Title))}。")
                .Require(request.Approved is not null, "approved", "必须填写：批准或不批准。")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "必须填写。")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason")
                .Require(SignedInLeader.IsNamedBy(caller, request.Approver), "approver", SignedInLeader.Refusal(caller, "审批")).ThrowIfInvalid();
            return await grain.DecideApproval(gate, request.Approved!.Value, request.Reason!.Trim(), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("A leader approves or refuses a 三个慎用 gate; the approver recorded is the signed-in leader, with username");

        incidents.MapPost("/measures", async (string id, MeasureRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.Gate is Gates.CoerciveMeasures or Gates.Weapons, "gate", $"只能是{Gates.Title(Gates.CoerciveMeasures)}或{Gates.Title(Gates.Weapons)}。")
                .Require(!string.IsNullOrWhiteSpace(request.Note), "note", "必须填写。").Text(request.Note, IncidentIntake.MaxDescription, "note").ThrowIfInvalid();
            return await grain.RecordMeasure(request.Gate!, request.Note!.Trim(), caller.Actor);
        }).WithSummary("Record coercive measures or weapons used; 409 without the gate's approval");

        return app;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
