using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Runtime;

namespace Command.Silo.Jurisdictions;

[GrainType("jurisdiction")]
public sealed class JurisdictionGrain(JurisdictionMap map) : JournaledGrain<JurisdictionGrainState, JurisdictionEvent>, IJurisdictionGrain
{
    private JurisdictionLevel level;

    /// <summary>How long an incident counts for the 矛盾激化 rule at most, whatever window the rules set.</summary>
    private static readonly TimeSpan RecentHorizon = TimeSpan.FromDays(90);

    protected override JurisdictionGrainState InitialState => JurisdictionGrainState.Empty;

    protected override JurisdictionGrainState Apply(JurisdictionGrainState state, JurisdictionEvent @event, EventMeta meta) => @event switch
    {
        TeamAttached t => state with { TeamIds = state.TeamIds.Add(t.TeamId) },
        IncidentOpened o => state with
        {
            ActiveIncidentIds = state.ActiveIncidentIds.Add(o.IncidentId),
            // Only a village counts repeats (矛盾激化 is judged in the same place); higher levels would only grow.
            Recent = level == JurisdictionLevel.Village ? [.. state.Recent.Where(r => o.At - r.At < RecentHorizon), o] : state.Recent,
        },
        IncidentClosed c => state with { ActiveIncidentIds = state.ActiveIncidentIds.Remove(c.IncidentId) },
        RosterSet r => state with { Roster = r.Roster },
        _ => state,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        level = (map.Find(Key) ?? throw CommandRejectedException.NotFound("找不到这个辖区，请从辖区列表中选择。")).Level;
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<JurisdictionState> GetState() => Task.FromResult(View());

    public Task AttachTeam(string teamId) =>
        State.TeamIds.Contains(teamId) ? Task.CompletedTask : Record(new TeamAttached(teamId), "system");

    public async Task<int> IncidentOpened(string incidentId, string cause, DateTimeOffset at, TimeSpan window)
    {
        if (!State.ActiveIncidentIds.Contains(incidentId) && !State.Recent.Any(r => r.IncidentId == incidentId))
        {
            await Record(new IncidentOpened(incidentId, cause, at), "system");
        }
        return State.Recent.Count(r => r.Cause == cause && r.At <= at && at - r.At <= window);
    }

    public Task IncidentClosed(string incidentId) =>
        State.ActiveIncidentIds.Contains(incidentId) ? Record(new IncidentClosed(incidentId), "system") : Task.CompletedTask;

    public async Task<JurisdictionState> SetRoster(DutyRoster roster, string actor)
    {
        if (roster != State.Roster)
        {
            await Record(new RosterSet(roster), actor);
        }
        return View();
    }

    private async Task Record(JurisdictionEvent @event, string actor)
    {
        RaiseEvent(@event, actor);
        await ConfirmEvents();
    }

    private JurisdictionState View() => new(Key, [.. State.TeamIds], [.. State.ActiveIncidentIds], State.Roster);
}
