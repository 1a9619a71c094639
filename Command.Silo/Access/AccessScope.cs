using Command.Abstractions.Access;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;

namespace Command.Silo.Access;

/// <summary>
/// The jurisdiction half of the access matrix. A user bound to 冠县 sees 冠县 and everything below it. What a caller may
/// not see is answered as not found, exactly as an id that does not exist, so a 404 tells nothing about another
/// county; what they may see but not change is 403.
/// </summary>
public sealed class AccessScope(JurisdictionMap map, TeamRegistry teams, IncidentCatalog incidents, EscalationBoard escalations)
{
    public bool Covers(Caller caller, string jurisdictionId) => map.IsWithin(jurisdictionId, caller.JurisdictionId);

    /// <summary>Jurisdictions shown on the caller's map and lists: their own subtree, and the outlines and names of
    /// the levels above it for orientation (never their teams or incidents).</summary>
    public bool ShowsOnMap(Caller caller, string jurisdictionId) =>
        Covers(caller, jurisdictionId) || map.IsWithin(caller.JurisdictionId, jurisdictionId);

    public bool CanSee(Caller caller, TeamView team) => caller.Role switch
    {
        Role.Device => team.Id == caller.TeamId,
        Role.Department => false,
        _ => team.Id == caller.TeamId || Covers(caller, team.JurisdictionId),
    };

    public bool CanSee(Caller caller, IncidentSummary incident) => caller.Role switch
    {
        Role.PatrolLeader or Role.Device => caller.TeamId is { } team && teams.IncidentOf(team) == incident.Id,
        Role.Admin => false,
        // A 联动单位 sees only the cases it has been called into.
        Role.Department => incident.Departments?.Contains(caller.Subject) == true,
        // A case transferred here (转警) is seen by the target's officers before it is theirs, so they can sign for it.
        _ => Covers(caller, incident.JurisdictionId) || (incident.Transfer is { IsPending: true } t && Covers(caller, t.ToJurisdictionId)),
    };

    /// <summary>An escalation is seen by whoever sees its incident; as it climbs, its incident stays inside the higher
    /// level's jurisdiction, so the leaders there see it.</summary>
    public bool CanSee(Caller caller, EscalationView escalation) =>
        incidents.Find(escalation.IncidentId) is { } incident ? CanSee(caller, incident) : Covers(caller, escalation.JurisdictionId);

    public TeamView Team(Caller caller, string id) =>
        teams.Find(id) is { } team ? (CanSee(caller, team) ? team : throw Hidden(TeamNotFound(id))) : throw TeamNotFound(id);

    /// <summary>A team the caller may act for: its own terminal or leader, or a duty officer of its jurisdiction.</summary>
    public TeamView TeamToActFor(Caller caller, string id, bool dutyOfficerMay = true)
    {
        var team = Team(caller, id);
        bool allowed = caller.Role switch
        {
            Role.Device or Role.PatrolLeader => team.Id == caller.TeamId,
            Role.DutyOfficer => dutyOfficerMay,
            _ => false,
        };
        return allowed ? team : throw CommandRejectedException.Forbidden(
            caller.Role is Role.Device or Role.PatrolLeader
                ? $"{Caller.RoleLabel(caller.Role)}只能操作本队，不能操作{team.Callsign}。"
                : $"{Caller.RoleLabel(caller.Role)}不能代 {team.Callsign} 操作。");
    }

    public IncidentSummary Incident(Caller caller, string id) =>
        incidents.Find(id) is { } incident ? (CanSee(caller, incident) ? incident : throw Hidden(IncidentNotFound(id))) : throw IncidentNotFound(id);

    /// <summary>A case the caller may change: one of their jurisdiction. A case transferred to them (转警) stays the
    /// sender's until they sign for it, so until then they may only see it, 签收 or 退回 it.</summary>
    public IncidentSummary IncidentToChange(Caller caller, string id)
    {
        var incident = Incident(caller, id);
        return Covers(caller, incident.JurisdictionId) ? incident : throw CommandRejectedException.Forbidden(
            $"请先签收警情{incident.Number}：签收前仍由{incident.Transfer?.FromName ?? "原辖区"}负责处置，您只能查看、签收或退回。");
    }

    public EscalationView Escalation(Caller caller, string id) =>
        escalations.Find(id) is { } escalation
            ? (CanSee(caller, escalation) ? escalation : throw Hidden(EscalationNotFound()))
            : throw EscalationNotFound();

    private static CommandRejectedException EscalationNotFound() =>
        CommandRejectedException.NotFound("找不到这条督办，可能已被撤销或不在您的辖区内；请刷新后重试。");

    /// <summary>签收 and 提级 belong to the leaders of the level the escalation has reached, or of a level above it.</summary>
    public EscalationView EscalationToLead(Caller caller, string id)
    {
        var escalation = Escalation(caller, id);
        return Covers(caller, escalation.JurisdictionId) ? escalation : throw CommandRejectedException.Forbidden(
            $"这条督办已报至{escalation.JurisdictionName}，由该级领导签收处理。");
    }

    /// <summary>A jurisdiction the caller may file or move things into.</summary>
    public void RequireCovers(Caller caller, string jurisdictionId, string what)
    {
        if (!Covers(caller, jurisdictionId))
        {
            throw CommandRejectedException.Forbidden(
                $"{what}位于{map.Find(jurisdictionId)?.Name ?? "未知辖区"}，不在您的辖区（{map.Find(caller.JurisdictionId)?.Name ?? "未知辖区"}）内。");
        }
    }

    /// <summary>Marks a 404 that hides something outside the caller's jurisdiction, so it is audited as a refusal
    /// (someone probing another county's ids leaves a trace) while the caller sees an ordinary 404.</summary>
    public const string HiddenMarker = "outsideJurisdiction";

    public static CommandRejectedException Hidden(CommandRejectedException notFound)
    {
        notFound.Data[HiddenMarker] = true;
        return notFound;
    }

    public static CommandRejectedException IncidentNotFound(string id) => CommandRejectedException.NotFound("找不到这起警情，可能已被删除或不在您的辖区内；请刷新警情列表后重试。");

    public static CommandRejectedException TeamNotFound(string id) => CommandRejectedException.NotFound("找不到这支警力，可能已被撤编或不在您的辖区内；请刷新后重试。");
}
