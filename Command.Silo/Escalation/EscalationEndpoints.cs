using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Escalation.Api;
using Command.Silo.Hosting;
using Command.Silo.Incidents;

namespace Command.Silo.Escalation;

public static class EscalationEndpoints
{
    private const int MaxText = 20_000;

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

        escalations.MapPost("/{id}/ack", async (string id, Caller caller, AccessScope scope, IGrainFactory grains) =>
            await grains.GetGrain<IIncidentGrain>(scope.EscalationToLead(caller, id).IncidentId).AcknowledgeEscalation(id, caller.Actor))
            .RequireAuthorization(AccessPolicies.Lead)
            .WithSummary("Acknowledge (签收) an escalation: the leaders of the level it has reached, or above");

        escalations.MapPost("/{id}/escalate", async (string id, EscalateRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var escalation = scope.EscalationToLead(caller, id);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required: a leader's decision to go higher says why.")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grains.GetGrain<IIncidentGrain>(escalation.IncidentId).EscalateFurther(id, request.Reason!.Trim(), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("A leader takes the case one level higher than the rules' ceiling");

        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Mass incidents").RequireAuthorization(AccessPolicies.Command);

        incidents.MapPost("/mass", async (string id, DeclareMassIncidentRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.CrowdSize is null or >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"must be between 0 and {IncidentIntake.MaxCrowd}.").ThrowIfInvalid();
            return await grain.DeclareMassIncident(request.Cause ?? "other", request.CrowdSize, caller.Actor);
        }).WithSummary("Upgrade to a mass incident (群体性事件): opens the golden window");

        incidents.MapPost("/crowd", async (string id, CrowdRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.CrowdSize is >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"is required, between 0 and {IncidentIntake.MaxCrowd}.").ThrowIfInvalid();
            return await grain.ReviseCrowd(request.CrowdSize!.Value, caller.Actor);
        }).WithSummary("Revise the crowd estimate");

        incidents.MapPost("/severity", async (string id, SeverityRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation()
                .Require(request.Severity is { } s && Severity.IsValid(s), "severity", "is required: 1 (I) to 4 (IV).")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.ChangeSeverity(request.Severity!.Value, request.Reason!.Trim(), caller.Actor);
        }).WithSummary("Change the severity; an upgrade escalates");

        incidents.MapPost("/leader-checkins", async (string id, LeaderCheckInRequest request, Caller caller, AccessScope scope, IGrainFactory grains,
            Jurisdictions.JurisdictionMap map) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            // The leader is the one signed in; their level is their jurisdiction's unless they say otherwise.
            JurisdictionLevel? level = request.Level is null ? map.Find(caller.JurisdictionId)?.Level
                : request.Level.All(char.IsAsciiLetter) && Enum.TryParse<JurisdictionLevel>(request.Level, true, out var parsed) && parsed != JurisdictionLevel.Grid ? parsed : null;
            string leader = string.IsNullOrWhiteSpace(request.Leader) ? caller.DisplayName : request.Leader.Trim();
            new Validation()
                .Require(leader.Length <= 32 && !leader.Any(char.IsControl), "leader", "is at most 32 characters.")
                .Require(level is not null and not JurisdictionLevel.Grid, "level", "must be village, township, county or city.")
                .Position(request.Lon, request.Lat).ThrowIfInvalid();
            return await grain.CheckInLeader(new LeaderCheckIn(leader, level!.Value, request.Lon!.Value, request.Lat!.Value), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("领导亲临现场: a leader checks in at the scene with a position");

        incidents.MapPost("/reports", async (string id, ReportRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation()
                .Require(request.Kind is not null && CommandRules.ReportKinds.Contains(request.Kind), "kind", $"must be one of {string.Join(", ", CommandRules.ReportKinds)}.")
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "is required: a report is met by its text, not by a tick.")
                .Text(request.Text, MaxText, "text").ThrowIfInvalid();
            return await grain.SubmitReport(request.Kind!, request.Text!.Trim(), caller.Actor);
        }).WithSummary("Submit a report up the chain (信息报送, 书面报告)");

        incidents.MapPost("/approvals", async (string id, ApprovalRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.Gate is not null && Gates.All.Contains(request.Gate), "gate", $"must be one of {string.Join(", ", Gates.All)}.")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.").Text(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.RequestApproval(request.Gate!, request.Reason!.Trim(), caller.Actor);
        }).WithSummary("Ask a leader to approve a 三个慎用 gate");

        incidents.MapPost("/approvals/{gate}/decision", async (string id, string gate, ApprovalDecisionRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(Gates.All.Contains(gate), "gate", $"must be one of {string.Join(", ", Gates.All)}.")
                .Require(request.Approved is not null, "approved", "is required: true or false.")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.")
                .Text(request.Reason, IncidentIntake.MaxDescription, "reason")
                .Require(request.Approver is null || request.Approver.Length <= 32, "approver", "is at most 32 characters.").ThrowIfInvalid();
            // The approver on record is the leader signed in: an approval cannot be given in someone else's name.
            return await grain.DecideApproval(gate, request.Approved!.Value, caller.DisplayName, request.Reason!.Trim(), caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead).WithSummary("A leader approves or refuses a 三个慎用 gate; the approver recorded is the signed-in leader");

        incidents.MapPost("/measures", async (string id, MeasureRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            new Validation().Require(request.Gate is Gates.CoerciveMeasures or Gates.Weapons, "gate", $"must be {Gates.CoerciveMeasures} or {Gates.Weapons}.")
                .Require(!string.IsNullOrWhiteSpace(request.Note), "note", "is required.").Text(request.Note, IncidentIntake.MaxDescription, "note").ThrowIfInvalid();
            return await grain.RecordMeasure(request.Gate!, request.Note!.Trim(), caller.Actor);
        }).WithSummary("Record coercive measures or weapons used; 409 without the gate's approval");

        return app;
    }

}
