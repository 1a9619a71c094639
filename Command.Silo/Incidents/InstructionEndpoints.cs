using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;
using Command.Silo.Incidents.Api;

namespace Command.Silo.Incidents;

/// <summary>批示: leaders write instructions on the cases of their jurisdiction; the duty officer marks them read (已阅).</summary>
public static class InstructionEndpoints
{
    /// <summary>A 批示 is a paragraph, not a report: long enough for 请立即…，并于…前报告 with the reasons.</summary>
    public const int MaxText = 1000;

    public static IEndpointRouteBuilder MapInstructions(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Instructions");

        incidents.MapPost("/instructions", async (string id, InstructionRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var incident = scope.IncidentToChange(caller, id);
            string text = request.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                throw CommandRejectedException.Invalid($"请填写对警情 {incident.Number} 的批示内容，例如“请立即增派警力，30分钟内报告处置情况”。");
            }
            if (text.Length > MaxText)
            {
                throw CommandRejectedException.Invalid($"批示有{text.Length}个字，最多{MaxText}个字，请精简后再下达。");
            }
            if (!Validation.IsPrintable(text))
            {
                throw CommandRejectedException.Invalid("批示中有无法显示的特殊字符，请删除后重新输入。");
            }
            return await grains.GetGrain<IIncidentGrain>(incident.Id).GiveInstruction(text, caller.Actor);
        }).RequireAuthorization(AccessPolicies.Lead)
            .WithSummary("批示: a leader's written instruction on a case of their jurisdiction; pushed to the duty officers' consoles");

        incidents.MapPost("/instructions/{instructionId}/ack", async (string id, string instructionId, Caller caller, AccessScope scope, IGrainFactory grains) =>
            await IncidentEndpoints.Incident(id, caller, scope, grains).AcknowledgeInstruction(instructionId, caller.Actor))
            .RequireAuthorization(AccessPolicies.Dispatch)
            .WithSummary("已阅: a duty officer of the case has read a leader's 批示");

        return app;
    }
}
