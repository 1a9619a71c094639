using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Incidents.Api;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Incidents;

/// <summary>转警 between jurisdictions: the sender asks, the target's duty officer signs (签收) or refuses (退回).</summary>
public static class TransferEndpoints
{
    public static IEndpointRouteBuilder MapTransfers(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(AccessPolicies.Dispatch);

        // A county officer sees only their own subtree in /api/jurisdictions, yet a call may belong next door: the
        // picker needs every county and township by name (never boundaries, teams or cases of the others).
        app.MapGet("/api/transfer-targets", (JurisdictionMap map) => map.All
                .Where(j => j.Level is JurisdictionLevel.County or JurisdictionLevel.Township)
                .OrderBy(j => j.Level).ThenBy(j => j.Id, StringComparer.Ordinal)
                .Select(j => new TransferTarget(j.Id, j.Name, j.Level, j.ParentId))
                .ToList())
            .WithTags("Incidents").RequireAuthorization(AccessPolicies.Dispatch)
            .WithSummary("Every county and township a call may be transferred to (转警), names only");

        incidents.MapPost("/{id}/transfer", async (string id, TransferRequest request, Caller caller, AccessScope scope, JurisdictionMap map, IGrainFactory grains) =>
        {
            var incident = scope.Incident(caller, id);
            if (!scope.Covers(caller, incident.JurisdictionId))
            {
                throw CommandRejectedException.Forbidden($"警情 {incident.Number} 还不归您的辖区，只能签收或退回，不能再转出。");
            }
            if (string.IsNullOrWhiteSpace(request.ToJurisdictionId) || map.Find(request.ToJurisdictionId.Trim()) is not { } to)
            {
                throw CommandRejectedException.Invalid("请从列表中选择要转往的辖区（县、市、区或乡镇、街道）。");
            }
            if (to.Level is not (JurisdictionLevel.County or JurisdictionLevel.Township))
            {
                throw CommandRejectedException.Invalid($"{to.Name}不是县（市、区）或乡镇（街道），转警只能转给有值班力量的县级或乡镇级辖区。");
            }
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                throw CommandRejectedException.Invalid("请填写转警原因，例如“报警地点属莘县辖区”。");
            }
            string reason = request.Reason.Trim();
            if (reason.Length > IncidentIntake.MaxDescription)
            {
                throw CommandRejectedException.Invalid($"转警原因最多{IncidentIntake.MaxDescription}个字，请精简后再提交。");
            }
            // Inside the target the case lies where its point is; a point outside the target lies at the target itself.
            var located = map.Locate(incident.Location.Lon, incident.Location.Lat);
            var target = map.IsWithin(located.Jurisdiction.Id, to.Id)
                ? map.ToIncidentPlacement(located)
                : new IncidentPlacement(to.Id, [.. map.ChainOf(to.Id).Select(j => new JurisdictionRef(j.Id, j.Name, j.Level))], located.OutsideBoundary, located.DistanceMeters);
            return await grains.GetGrain<IIncidentGrain>(incident.Id).RequestTransfer(new JurisdictionRef(to.Id, to.Name, to.Level), target, reason, caller.Actor);
        }).WithSummary("转警: hand the incident to the jurisdiction it belongs to; it moves there once that jurisdiction signs for it");

        incidents.MapPost("/{id}/transfer/sign", async (string id, TransferDecisionRequest? request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var incident = RequireTarget(scope.Incident(caller, id), caller, scope);
            string? note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
            if (note?.Length > IncidentIntake.MaxDescription)
            {
                throw CommandRejectedException.Invalid($"签收说明最多{IncidentIntake.MaxDescription}个字，请精简后再提交。");
            }
            return await grains.GetGrain<IIncidentGrain>(incident.Id).SignTransfer(note, caller.Actor);
        }).WithSummary("签收: the target jurisdiction takes the transferred incident");

        incidents.MapPost("/{id}/transfer/refuse", async (string id, TransferDecisionRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var incident = RequireTarget(scope.Incident(caller, id), caller, scope);
            string? reason = request.Reason ?? request.Note;
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw CommandRejectedException.Invalid($"退回警情 {incident.Number} 请填写原因，例如“经核实不属本辖区”。");
            }
            if (reason.Trim().Length > IncidentIntake.MaxDescription)
            {
                throw CommandRejectedException.Invalid($"退回原因最多{IncidentIntake.MaxDescription}个字，请精简后再提交。");
            }
            return await grains.GetGrain<IIncidentGrain>(incident.Id).RefuseTransfer(reason.Trim(), caller.Actor);
        }).WithSummary("退回: the target jurisdiction refuses the transfer; the incident stays with the sender");

        return app;
    }

    /// <summary>Only the jurisdiction a case was transferred to signs for it or refuses it.</summary>
    private static IncidentSummary RequireTarget(IncidentSummary incident, Caller caller, AccessScope scope)
    {
        if (incident.Transfer is not { IsPending: true } transfer)
        {
            throw CommandRejectedException.Conflict($"警情 {incident.Number} 没有待签收的转警，无需签收或退回。");
        }
        if (!scope.Covers(caller, transfer.ToJurisdictionId))
        {
            throw CommandRejectedException.Forbidden($"警情 {incident.Number} 是转给{transfer.ToName}的，应由{transfer.ToName}值班员签收或退回。");
        }
        return incident;
    }
}

/// <summary>A jurisdiction a call may be transferred to: its name and place in the tree, nothing else.</summary>
public sealed record TransferTarget(string Id, string Name, JurisdictionLevel Level, string? ParentId);
