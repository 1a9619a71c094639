using Command.Abstractions.Access;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Realtime;
using Command.Silo.Access;
using Command.Silo.Jurisdictions;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>
/// The consoles' live feed. Everything a console changes goes through the HTTP API, whose answers are the durable
/// acknowledgement; the hub only decides what each console hears. Every connection is in exactly one group: its
/// jurisdiction's (which receives everything at or below it), or for a patrol leader their team's. Nothing for another
/// county is ever sent down a 冠县 console's connection.
/// </summary>
public sealed class CommandHub(AccessScope scope, JurisdictionMap map, HubConnections connections) : Hub<IConsoleClient>
{
    public const string Path = "/hubs/command";

    private const string GroupKey = "group";

    public static string JurisdictionGroup(string jurisdictionId) => "j:" + jurisdictionId;

    public static string TeamGroup(string teamId) => "t:" + teamId;

    /// <summary>A 联动单位's connections: they hear the cases it is called into, nothing else.</summary>
    public static string DepartmentGroup(string username) => "d:" + username;

    public override async Task OnConnectedAsync()
    {
        var caller = Caller.TryFrom(Context.User!) ?? throw new HubException("未登录。");
        string group = caller.Role is Role.PatrolLeader or Role.Device && caller.TeamId is { } team ? TeamGroup(team)
            : caller.Role == Role.Department ? DepartmentGroup(caller.Subject)
            : JurisdictionGroup(caller.JurisdictionId);
        Context.Items[GroupKey] = group;
        connections.Add(caller.CredentialId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Caller.TryFrom(Context.User!) is { } caller)
        {
            connections.Remove(caller.CredentialId, Context.ConnectionId);
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Narrows (or widens back, up to the caller's own jurisdiction) what this connection hears: a city leader
    /// following one county, say. Refused for a jurisdiction outside the caller's.
    /// </summary>
    public async Task<JurisdictionNode> Watch(string jurisdictionId)
    {
        var caller = Caller.TryFrom(Context.User!) ?? throw new HubException("未登录。");
        if (caller.Role is not (Role.DutyOfficer or Role.Leader))
        {
            throw new HubException($"{Caller.RoleLabel(caller.Role)}不能切换关注的辖区。");
        }
        var jurisdiction = jurisdictionId is { Length: <= 64 } && map.Find(jurisdictionId) is { } found && scope.Covers(caller, found.Id) ? found
            : throw new HubException("这个辖区不存在或不在您的管辖范围内，请从辖区列表中选择。");
        string group = JurisdictionGroup(jurisdiction.Id);
        if (Context.Items[GroupKey] is string current && current != group)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, current);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        Context.Items[GroupKey] = group;
        return jurisdiction.ToNode();
    }
}
