using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
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

        escalations.MapGet("/", (bool? open, string? jurisdictionId, EscalationBoard board, Jurisdictions.JurisdictionMap map) =>
            board.All()
                .Where(e => open is null || e.IsOpen == open)
                .Where(e => jurisdictionId is null || map.IsWithin(e.JurisdictionId, jurisdictionId))
                .OrderByDescending(e => e.RaisedAt).ThenBy(e => e.Level)
                .ToList())
            .WithSummary("Escalations, newest first; ?open=true for those not yet acknowledged");

        escalations.MapPost("/{id}/ack", async (string id, EscalationBoard board, IGrainFactory grains, HttpContext http) =>
            await grains.GetGrain<IIncidentGrain>(Escalation(id, board).IncidentId).AcknowledgeEscalation(id, Actor.From(http)))
            .WithSummary("Acknowledge (签收) an escalation");

        escalations.MapPost("/{id}/escalate", async (string id, EscalateRequest request, EscalationBoard board, IGrainFactory grains, HttpContext http) =>
        {
            var escalation = Escalation(id, board);
            new Validation().Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required: a leader's decision to go higher says why.")
                .MaxLength(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grains.GetGrain<IIncidentGrain>(escalation.IncidentId).EscalateFurther(id, request.Reason!.Trim(), Actor.From(http));
        }).WithSummary("A leader takes the case one level higher than the rules' ceiling");

        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Mass incidents");

        incidents.MapPost("/mass", async (string id, DeclareMassIncidentRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().Require(request.CrowdSize is null or >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"must be between 0 and {IncidentIntake.MaxCrowd}.").ThrowIfInvalid();
            return await grain.DeclareMassIncident(request.Cause ?? "other", request.CrowdSize, Actor.From(http));
        }).WithSummary("Upgrade to a mass incident (群体性事件): opens the golden window");

        incidents.MapPost("/crowd", async (string id, CrowdRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().Require(request.CrowdSize is >= 0 and <= IncidentIntake.MaxCrowd, "crowdSize", $"is required, between 0 and {IncidentIntake.MaxCrowd}.").ThrowIfInvalid();
            return await grain.ReviseCrowd(request.CrowdSize!.Value, Actor.From(http));
        }).WithSummary("Revise the crowd estimate");

        incidents.MapPost("/severity", async (string id, SeverityRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation()
                .Require(request.Severity is { } s && Severity.IsValid(s), "severity", "is required: 1 (I) to 4 (IV).")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.")
                .MaxLength(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.ChangeSeverity(request.Severity!.Value, request.Reason!.Trim(), Actor.From(http));
        }).WithSummary("Change the severity; an upgrade escalates");

        incidents.MapPost("/leader-checkins", async (string id, LeaderCheckInRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            JurisdictionLevel? level = request.Level is { } l && l.All(char.IsAsciiLetter) && Enum.TryParse<JurisdictionLevel>(l, true, out var parsed) && parsed != JurisdictionLevel.Grid ? parsed : null;
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Leader) && request.Leader.Length <= 32, "leader", "is required, at most 32 characters.")
                .Require(level is not null, "level", "must be village, township, county or city.")
                .Position(request.Lon, request.Lat).ThrowIfInvalid();
            return await grain.CheckInLeader(new LeaderCheckIn(request.Leader!.Trim(), level!.Value, request.Lon!.Value, request.Lat!.Value), Actor.From(http));
        }).WithSummary("领导亲临现场: a leader checks in at the scene with a position");

        incidents.MapPost("/reports", async (string id, ReportRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation()
                .Require(request.Kind is not null && CommandRules.ReportKinds.Contains(request.Kind), "kind", $"must be one of {string.Join(", ", CommandRules.ReportKinds)}.")
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "is required: a report is met by its text, not by a tick.")
                .MaxLength(request.Text, MaxText, "text").ThrowIfInvalid();
            return await grain.SubmitReport(request.Kind!, request.Text!.Trim(), Actor.From(http));
        }).WithSummary("Submit a report up the chain (信息报送, 书面报告)");

        incidents.MapPost("/approvals", async (string id, ApprovalRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().Require(request.Gate is not null && Gates.All.Contains(request.Gate), "gate", $"must be one of {string.Join(", ", Gates.All)}.")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.").MaxLength(request.Reason, IncidentIntake.MaxDescription, "reason").ThrowIfInvalid();
            return await grain.RequestApproval(request.Gate!, request.Reason!.Trim(), Actor.From(http));
        }).WithSummary("Ask a leader to approve a 三个慎用 gate");

        incidents.MapPost("/approvals/{gate}/decision", async (string id, string gate, ApprovalDecisionRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            string actor = Actor.From(http);
            new Validation().Require(Gates.All.Contains(gate), "gate", $"must be one of {string.Join(", ", Gates.All)}.")
                .Require(request.Approved is not null, "approved", "is required: true or false.")
                .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.")
                .MaxLength(request.Reason, IncidentIntake.MaxDescription, "reason")
                .Require(request.Approver is null || request.Approver.Length <= 32, "approver", "is at most 32 characters.").ThrowIfInvalid();
            return await grain.DecideApproval(gate, request.Approved!.Value, request.Approver?.Trim() ?? actor, request.Reason!.Trim(), actor);
        }).WithSummary("A leader approves or refuses a 三个慎用 gate, naming themself and the reason");

        incidents.MapPost("/measures", async (string id, MeasureRequest request, IncidentCatalog catalog, IGrainFactory grains, HttpContext http) =>
        {
            var grain = Incident(id, catalog, grains);
            new Validation().Require(request.Gate is Gates.CoerciveMeasures or Gates.Weapons, "gate", $"must be {Gates.CoerciveMeasures} or {Gates.Weapons}.")
                .Require(!string.IsNullOrWhiteSpace(request.Note), "note", "is required.").MaxLength(request.Note, IncidentIntake.MaxDescription, "note").ThrowIfInvalid();
            return await grain.RecordMeasure(request.Gate!, request.Note!.Trim(), Actor.From(http));
        }).WithSummary("Record coercive measures or weapons used; 409 without the gate's approval");

        return app;
    }

    private static EscalationView Escalation(string id, EscalationBoard board) =>
        board.Find(id) ?? throw CommandRejectedException.NotFound($"No escalation has the id {id}.");

    private static IIncidentGrain Incident(string id, IncidentCatalog catalog, IGrainFactory grains) => IncidentEndpoints.Incident(id, catalog, grains);
}
