using Command.Abstractions.Access;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Departments.Api;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Departments;

/// <summary>
/// 联动单位 (突发事件应急联动机制, 确定牵头责任部门和协作部门): the duty officer or leader of a case calls departments
/// into it; each department signs for its call (签收) and reports back (反馈) from its own page. A department sees only
/// the cases it is called into: any other case is not found, exactly as one that does not exist.
/// </summary>
public static class DepartmentEndpoints
{
    public const int MaxTask = 500;
    public const int MaxReport = 2000;

    /// <summary>The department page lists this many cases, newest call first.</summary>
    public const int MaxCases = 100;

    public static IEndpointRouteBuilder MapDepartments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments", async (Caller caller, IGrainFactory grains, JurisdictionMap map) =>
            (await Departments(grains, map))
                .Where(d => map.IsWithin(d.JurisdictionId, caller.JurisdictionId) || map.IsWithin(caller.JurisdictionId, d.JurisdictionId))
                .ToList())
            .RequireAuthorization(AccessPolicies.Command).WithTags("Departments")
            .WithSummary("联动单位 a duty officer or leader may call in: those of their jurisdiction, below it or above it");

        app.MapPost("/api/incidents/{id}/departments", async (string id, CallDepartmentRequest request, Caller caller, AccessScope scope,
            IGrainFactory grains, JurisdictionMap map, IOptions<IncidentOptions> options) =>
        {
            var incident = scope.IncidentToChange(caller, id);
            string task = request.Task?.Trim() ?? "";
            DepartmentRole? role = request.Role switch { "lead" => DepartmentRole.Lead, "support" => DepartmentRole.Support, _ => null };
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(request.Department))
            {
                problems.Add("请选择要调度的联动单位（如冠县消防救援大队）。");
            }
            if (role is null)
            {
                problems.Add("请选择该单位是牵头单位还是协作单位。");
            }
            if (task.Length == 0)
            {
                problems.Add("请填写联动任务，例如“扑救火灾并搜救被困人员”。");
            }
            else if (task.Length > MaxTask)
            {
                problems.Add($"联动任务有{task.Length}个字，最多{MaxTask}个字，请精简后再调度。");
            }
            else if (!Validation.IsPrintable(task))
            {
                problems.Add("联动任务中有无法显示的特殊字符（如文字方向控制符、零宽字符），请删除后重新输入。");
            }
            if (problems.Count > 0)
            {
                throw CommandRejectedException.Invalid(string.Concat(problems));
            }
            var department = await Resolve(request.Department!.Trim(), incident, grains, map);
            var within = DepartmentKinds.Emergency.Contains(department.Department) ? options.Value.DepartmentReceiptWithin : options.Value.DepartmentRoutineReceiptWithin;
            var detail = await grains.GetGrain<IIncidentGrain>(incident.Id)
                .CallDepartment(department.Username, department.DisplayName, department.Department, role!.Value, task, within, caller.Actor);
            return Results.Created($"/api/incidents/{incident.Id}/departments/{detail.Departments!.Count}", detail);
        }).RequireAuthorization(AccessPolicies.Command).WithTags("Departments")
            .WithSummary("调度联动单位: call a department into the case as lead (牵头, one per case) or support (协作) with a task; its 签收 is due within Incidents:DepartmentReceiptWithin (5 min) for 消防, 120, 交警 and 供电, Incidents:DepartmentRoutineReceiptWithin (30 min) for the others");

        app.MapGet("/api/departments/mine", async (Caller caller, IncidentCatalog catalog, IGrainFactory grains) =>
        {
            var called = catalog.All().Where(i => i.Departments?.Contains(caller.Subject) == true).ToList();
            var details = await Task.WhenAll(called.Select(i => grains.GetGrain<IIncidentGrain>(i.Id).GetDetail()));
            return details.OfType<IncidentDetail>()
                .Select(d => ToCase(d, caller.Subject))
                .Where(c => c.Calls.Count > 0)
                .OrderByDescending(c => c.Calls.Max(x => x.CalledAt))
                .Take(MaxCases)
                .ToList();
        }).RequireAuthorization(AccessPolicies.DepartmentWork).WithTags("Departments")
            .WithSummary("The cases the signed-in 联动单位 is called into, newest call first, with its own calls on each");

        app.MapPost("/api/incidents/{id}/departments/{n}/receipt", async (string id, int n, Caller caller, AccessScope scope, IGrainFactory grains) =>
        {
            var incident = scope.Incident(caller, id);
            var detail = await grains.GetGrain<IIncidentGrain>(incident.Id).ReceiveDepartmentCall(n, caller.Subject, caller.Actor);
            return ToCase(detail, caller.Subject);
        }).RequireAuthorization(AccessPolicies.DepartmentWork).WithTags("Departments")
            .WithSummary("签收: the called department takes its call; after the deadline it is still taken, and stays late on the record");

        app.MapPost("/api/incidents/{id}/departments/{n}/reports", async (string id, int n, DepartmentReportRequest request, Caller caller,
            AccessScope scope, IGrainFactory grains) =>
        {
            var incident = scope.Incident(caller, id);
            string text = request.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                throw CommandRejectedException.Invalid("请填写反馈内容，例如“已到达现场，明火已扑灭”。");
            }
            if (text.Length > MaxReport)
            {
                throw CommandRejectedException.Invalid($"反馈有{text.Length}个字，最多{MaxReport}个字，请精简后再提交。");
            }
            if (!Validation.IsPrintable(text))
            {
                throw CommandRejectedException.Invalid("反馈中有无法显示的特殊字符（如文字方向控制符、零宽字符），请删除后重新输入。");
            }
            var detail = await grains.GetGrain<IIncidentGrain>(incident.Id).ReportFromDepartment(n, caller.Subject, text, request.Final == true, caller.Actor);
            return ToCase(detail, caller.Subject);
        }).RequireAuthorization(AccessPolicies.DepartmentWork).WithTags("Departments")
            .WithSummary("反馈: the department reports back on its call, as often as needed; final: true is 处置完毕 and ends the call");

        return app;
    }

    private static DepartmentCase ToCase(IncidentDetail d, string username) => new(
        d.Id, d.Number, d.Type, d.Severity, d.Status, d.IsMassIncident, d.Location, d.Address, d.Description,
        d.JurisdictionChain.Count > 0 ? string.Join(" ", d.JurisdictionChain.Where(j => j.Level is not (JurisdictionLevel.City or JurisdictionLevel.Grid)).Select(j => j.Name)) : "",
        d.ReceivedAt, d.ClosedAt, [.. (d.Departments ?? []).Where(c => c.Username == username)]);

    private static async Task<IReadOnlyList<DepartmentView>> Departments(IGrainFactory grains, JurisdictionMap map) =>
        [.. (await grains.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List())
            .Where(u => u is { Role: Role.Department, Disabled: false } && u.Department is not null)
            .OrderBy(u => DepartmentKinds.All.ToList().FindIndex(k => k.Kind == u.Department)).ThenBy(u => u.Username, StringComparer.Ordinal)
            .Select(u => new DepartmentView(u.Username, u.DisplayName, u.Department!, DepartmentKinds.NameOf(u.Department), u.JurisdictionId,
                map.Find(u.JurisdictionId)?.Name ?? ""))];

    /// <summary>
    /// The department named by account or by kind. It must serve the case: a department of the case's county or below it
    /// (a township's 司法所), or of a level above it (the city's). By kind, the one nearest to the scene.
    /// </summary>
    private static async Task<DepartmentView> Resolve(string name, IncidentSummary incident, IGrainFactory grains, JurisdictionMap map)
    {
        var all = await Departments(grains, map);
        string county = incident.CountyId ?? incident.JurisdictionId;
        bool Serves(DepartmentView d) => map.IsWithin(d.JurisdictionId, county) || map.IsWithin(incident.JurisdictionId, d.JurisdictionId);
        if (DepartmentKinds.IsKnown(name))
        {
            return all.Where(d => d.Department == name && Serves(d))
                .OrderByDescending(d => map.IsWithin(incident.JurisdictionId, d.JurisdictionId) ? map.ChainOf(d.JurisdictionId).Count : 0)
                .FirstOrDefault()
                ?? throw CommandRejectedException.Invalid($"警情{incident.Number}所在地没有{DepartmentKinds.NameOf(name)}的联动单位账号，请联系系统管理员开设，或选择其他单位。");
        }
        var department = all.FirstOrDefault(d => d.Username == name)
            ?? throw CommandRejectedException.Invalid("找不到这个联动单位，可能已停用；请从联动单位列表中选择。");
        return Serves(department) ? department
            : throw CommandRejectedException.Invalid($"{department.DisplayName}（{department.JurisdictionName}）不负责警情{incident.Number}所在地，请选择本地的联动单位。");
    }
}
