using System.ComponentModel;
using Command.Abstractions.Access;
using Command.Abstractions.FollowUps;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.FollowUps.Api;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;

namespace Command.Silo.FollowUps;

/// <summary>
/// 跟踪督办 (事后做到跟踪督办落实, 件件有回音): a duty officer or a leader puts a task on a case — open or closed — with an
/// owner and a deadline; the owner reports back; only the one who opened it closes it off (销号).
/// </summary>
public static class FollowUpEndpoints
{
    public const int MaxTask = 500;
    public const int MaxReply = 2000;
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(90);

    public static IEndpointRouteBuilder MapFollowUps(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/follow-ups", async (string id, OpenFollowUpRequest request, Caller caller, AccessScope scope,
            JurisdictionMap map, IGrainFactory grains, TimeProvider time) =>
        {
            var incident = scope.IncidentToChange(caller, id);
            var now = time.GetUtcNow();
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Task), "task", "必须填写，例如“三日内查清纠纷起因并提出化解方案”。")
                .Text(request.Task?.Trim(), MaxTask, "task")
                .Require(!string.IsNullOrWhiteSpace(request.Owner), "owner", "必须填写责任人的用户名。")
                .Require(request.DueAt is not null, "dueAt", "必须填写。")
                .Require(request.DueAt is null || request.DueAt > now, "dueAt", "应晚于现在。")
                .Require(request.DueAt is null || request.DueAt <= now + MaxAhead, "dueAt", $"最长{MaxAhead.TotalDays:0}天，请分阶段督办。")
                .ThrowIfInvalid();
            string ownerName = request.Owner!.Trim();
            var owner = Usernames.IsValid(ownerName) ? await grains.GetGrain<IUserGrain>(ownerName).Get() : null;
            if (owner is null || owner.Disabled || owner.Role is not (Role.DutyOfficer or Role.Leader))
            {
                throw CommandRejectedException.Invalid($"找不到可以承办的账号“{(Usernames.IsValid(ownerName) ? ownerName : "（用户名格式不对）")}”：责任人须是在用的值班员或领导账号。");
            }
            // The owner reads the case to act on it and must be someone the opener may task: of their jurisdiction or below it.
            if (!scope.Covers(caller, owner.JurisdictionId) || !map.IsWithin(incident.JurisdictionId, owner.JurisdictionId))
            {
                throw CommandRejectedException.Invalid(
                    $"{owner.DisplayName}（{map.Find(owner.JurisdictionId)?.Name}）不能承办警情{incident.Number}：责任人须在您的辖区内，且警情在其辖区内。");
            }
            var opening = new FollowUpOpening(incident.Id, incident.Number, incident.JurisdictionId,
                [.. map.ChainOf(incident.JurisdictionId).Select(j => j.Id)], request.Task!.Trim(), owner.Username, owner.DisplayName,
                request.DueAt!.Value, caller.Subject);
            string itemId = Guid.CreateVersion7(now).ToString("N");
            var view = await grains.GetGrain<IFollowUpGrain>(itemId).Open(opening, caller.Actor);
            return Results.Created($"/api/follow-ups/{view.Id}", view);
        }).RequireAuthorization(AccessPolicies.Command).WithTags("FollowUps")
            .WithSummary("跟踪督办: put a task on a case (open or closed) with an owner (a duty officer's or leader's username) and a deadline");

        var items = app.MapGroup("/api/follow-ups").WithTags("FollowUps").RequireAuthorization(AccessPolicies.Command);

        items.MapGet("/", (
            [Description("open (not closed off); overdue (the deadline passed before the owner reported back, and not yet closed off); closed; all when absent.")] string? state,
            [Description("Only items on cases in this jurisdiction or below it.")] string? jurisdictionId,
            [Description("true: only items the caller owns.")] bool? mine,
            [Description("Only the items on this case.")] string? incidentId,
            Caller caller, FollowUpBoard board, AccessScope scope, JurisdictionMap map) =>
        {
            new Validation()
                .Require(state is null or "open" or "overdue" or "closed", "state", "只能是open（未销号）、overdue（逾期未反馈）或closed（已销号）。")
                .Require(jurisdictionId is null || map.Find(jurisdictionId) is not null, "jurisdictionId", "不存在，请从辖区列表中选择。")
                .ThrowIfInvalid();
            return board.All()
                .Where(f => CanSee(caller, f, scope))
                .Where(f => jurisdictionId is null || map.IsWithin(f.JurisdictionId, jurisdictionId))
                .Where(f => mine != true || f.OwnerUsername == caller.Subject)
                .Where(f => incidentId is null || f.IncidentId == incidentId)
                .Where(f => state switch
                {
                    "open" => f.ClosedAt is null,
                    "overdue" => f.IsOverdue,
                    "closed" => f.ClosedAt is not null,
                    _ => true,
                })
                .OrderBy(f => f.ClosedAt is not null).ThenBy(f => f.DueAt).ThenBy(f => f.Id, StringComparer.Ordinal)
                .ToList();
        }).WithSummary("跟踪督办 items on cases in the caller's jurisdiction, and those the caller owns: open ones first, soonest due first");

        items.MapGet("/{itemId}", (string itemId, Caller caller, FollowUpBoard board, AccessScope scope) => Item(itemId, caller, board, scope))
            .WithSummary("One 跟踪督办 item with its reports back");

        items.MapPost("/{itemId}/replies", async (string itemId, FollowUpReplyRequest request, Caller caller, FollowUpBoard board, AccessScope scope, IGrainFactory grains) =>
        {
            var item = Item(itemId, caller, board, scope);
            new Validation()
                .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "必须填写办理情况。")
                .Text(request.Text?.Trim(), MaxReply, "text")
                .ThrowIfInvalid();
            return await grains.GetGrain<IFollowUpGrain>(item.Id).Reply(request.Text!.Trim(), caller.Subject, caller.Actor);
        }).WithSummary("反馈: the owner reports back on the item");

        items.MapPost("/{itemId}/close", async (string itemId, CloseFollowUpRequest? request, Caller caller, FollowUpBoard board, AccessScope scope, IGrainFactory grains) =>
        {
            var item = Item(itemId, caller, board, scope);
            new Validation().Text(request?.Note?.Trim(), MaxTask, "note").ThrowIfInvalid();
            string? note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
            return await grains.GetGrain<IFollowUpGrain>(item.Id).Close(note, caller.Subject, caller.Actor);
        }).WithSummary("销号: the one who opened the item closes it off, once its owner has reported back");

        return app;
    }

    /// <summary>Seen by whoever covers the case's jurisdiction, and by its owner wherever they sit.</summary>
    private static bool CanSee(Caller caller, FollowUpView item, AccessScope scope) =>
        item.OwnerUsername == caller.Subject || scope.Covers(caller, item.JurisdictionId);

    private static FollowUpView Item(string itemId, Caller caller, FollowUpBoard board, AccessScope scope)
    {
        var notFound = CommandRejectedException.NotFound("找不到这项督办事项，可能不在您的辖区内；请刷新后重试。");
        return board.Find(itemId) is { } item ? (CanSee(caller, item, scope) ? item : throw AccessScope.Hidden(notFound)) : throw notFound;
    }
}
