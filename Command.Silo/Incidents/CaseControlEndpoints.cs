using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Incidents.Api;

namespace Command.Silo.Incidents;

/// <summary>
/// The duty officer's control of a case: 续报, type changes, 重复报警, and per team 撤回, 改派 and 电台报告.
/// Every refusal written here is plain Chinese for the person at the console.
/// </summary>
public static class CaseControlEndpoints
{
    /// <summary>A reason is a sentence or two: why a team was recalled, why the type changed.</summary>
    public const int MaxReason = 500;

    public static IEndpointRouteBuilder MapCaseControl(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Case control").RequireAuthorization(AccessPolicies.Dispatch);

        incidents.MapPost("/notes", async (string id, CaseNoteRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            string text = RequiredText(request.Text, IncidentIntake.MaxDescription, "续报内容", "请填写续报内容（新情况、补充信息）。");
            return await grain.AddNote(text, caller.Actor);
        }).WithSummary("续报/补充: add a note to the case after intake");

        incidents.MapPost("/type", async (string id, TypeChangeRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            var type = ParseType(request.Type);
            string reason = RequiredText(request.Reason, MaxReason, "更改原因", "请填写更改警情类型的原因。");
            if (request.Cause is not null && !CommandRules.Causes.Contains(request.Cause))
            {
                throw CommandRejectedException.Invalid("事件起因无法识别，请从列表中选择。");
            }
            return await grain.ChangeType(type, reason, request.Cause, caller.Actor);
        }).WithSummary("Change the incident's type, with a reason; to massIncident it is the upgrade to a mass incident");

        incidents.MapPost("/duplicate-of", async (string id, DuplicateOfRequest request, Caller caller, AccessScope scope, IGrainFactory grains, IncidentCatalog catalog) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            var target = Target(request.IncidentId, caller, scope, catalog, "请填写或选择这次报警所重复的警情。", "要并入的警情");
            return await grain.LinkAsDuplicateOf(target.Id, caller.Actor);
        }).WithSummary("重复报警: merge this call into the case it repeats (incidentId: its id or its number); this call closes");

        incidents.MapPost("/assignments/{teamId}/recall", async (string id, string teamId, RecallTeamRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            string reason = RequiredText(request.Reason, MaxReason, "撤回原因", "请填写撤回原因（如派错警力、报警人已撤警）。");
            return await grain.RecallTeam(teamId, reason, caller.Actor);
        }).WithSummary("撤回: call back a team sent in error; it is freed, and a case no team reached waits for dispatch again");

        incidents.MapPost("/assignments/{teamId}/divert", async (string id, string teamId, DivertTeamRequest request, Caller caller, AccessScope scope,
            IGrainFactory grains, IncidentCatalog catalog) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            var target = Target(request.IncidentId, caller, scope, catalog, "请选择要改派到的警情。", "改派的目标警情");
            string reason = RequiredText(request.Reason, MaxReason, "改派原因", "请填写改派原因。");
            return await grain.DivertTeam(teamId, target.Id, reason, caller.Actor);
        }).WithSummary("改派: send a team of this case straight on to another open case (incidentId: its id or its number)");

        incidents.MapPost("/assignments/{teamId}/status", async (string id, string teamId, RadioStatusRequest request, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var grain = IncidentEndpoints.Incident(id, caller, scope, grains);
            TeamStatus? status = request.Status switch
            {
                "enRoute" => TeamStatus.EnRoute,
                "onScene" => TeamStatus.OnScene,
                "returning" => TeamStatus.Returning,
                _ => null,
            };
            if (status is null)
            {
                throw CommandRejectedException.Invalid("请选择电台报告的状态：出发、到场或返回。");
            }
            return await grain.EnterRadioStatus(teamId, status.Value, caller.Actor);
        }).WithSummary("电台报告: enter a status a team reported by radio (enRoute, onScene, returning), recorded as entered by the duty officer");

        return app;
    }

    /// <summary>The reason given with confirmNoArrival on 办结, checked as the other reasons are.</summary>
    public static string? NoArrivalReason(CloseIncidentRequest request) =>
        request.ConfirmNoArrival == true && request.NoArrivalReason is not null
            ? OptionalText(request.NoArrivalReason, MaxReason, "未到场原因")
            : null;

    private static IncidentType ParseType(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw CommandRejectedException.Invalid("请选择新的警情类型。");
        }
        return name.All(char.IsAsciiLetter) && Enum.TryParse<IncidentType>(name, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : throw CommandRejectedException.Invalid("警情类型无法识别，请从列表中选择。");
    }

    /// <summary>The other case of a merge or a diversion, by id or by its number (LC-20261202-0007), as the officer
    /// may have typed it; one outside the caller's jurisdiction is answered as absent.</summary>
    private static IncidentSummary Target(string? idOrNumber, Caller caller, AccessScope scope, IncidentCatalog catalog, string missing, string what)
    {
        if (string.IsNullOrWhiteSpace(idOrNumber))
        {
            throw CommandRejectedException.Invalid(missing);
        }
        string key = idOrNumber.Trim();
        var found = catalog.Find(key) ?? catalog.All().FirstOrDefault(i => string.Equals(i.Number, key, StringComparison.OrdinalIgnoreCase));
        var notFound = CommandRejectedException.NotFound($"{what}不存在或不在您的辖区内，请核对警情编号。");
        if (found is null)
        {
            throw notFound;
        }
        return scope.CanSee(caller, found) ? found : throw AccessScope.Hidden(notFound);
    }

    private static string RequiredText(string? value, int max, string what, string missing) =>
        string.IsNullOrWhiteSpace(value) ? throw CommandRejectedException.Invalid(missing) : OptionalText(value, max, what)!;

    private static string? OptionalText(string? value, int max, string what)
    {
        if (value is null)
        {
            return null;
        }
        string text = value.Trim();
        if (text.Length > max)
        {
            throw CommandRejectedException.Invalid($"{what}有{text.Length}个字，最多{max}个字，请精简后再提交。");
        }
        if (!Validation.IsPrintable(text))
        {
            throw CommandRejectedException.Invalid($"{what}含有无法显示的控制字符，请删去后再提交（可直接重新输入，不要粘贴）。");
        }
        return text.Length == 0 ? null : text;
    }
}
