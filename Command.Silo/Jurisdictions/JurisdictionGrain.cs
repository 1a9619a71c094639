using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Runtime;

namespace Command.Silo.Jurisdictions;

[GrainType("jurisdiction")]
public sealed class JurisdictionGrain(JurisdictionMap map) : JournaledGrain<JurisdictionGrainState, JurisdictionEvent>, IJurisdictionGrain
{
    protected override JurisdictionGrainState InitialState => JurisdictionGrainState.Empty;

    protected override JurisdictionGrainState Apply(JurisdictionGrainState state, JurisdictionEvent @event, EventMeta meta) => @event switch
    {
        TeamAttached t => state with { TeamIds = state.TeamIds.Add(t.TeamId) },
        IncidentOpened o => state with { ActiveIncidentIds = state.ActiveIncidentIds.Add(o.IncidentId) },
        IncidentClosed c => state with { ActiveIncidentIds = state.ActiveIncidentIds.Remove(c.IncidentId) },
        RosterSet r => state with { Roster = r.Roster },
        _ => state,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        map.Find(Key) is null
            ? throw CommandRejectedException.NotFound($"No jurisdiction has the id {Key}.")
            : base.OnActivateAsync(cancellationToken);

    public Task<JurisdictionState> GetState() => Task.FromResult(View());

    public Task AttachTeam(string teamId) =>
        State.TeamIds.Contains(teamId) ? Task.CompletedTask : Record(new TeamAttached(teamId), "system");

    public Task IncidentOpened(string incidentId) =>
        State.ActiveIncidentIds.Contains(incidentId) ? Task.CompletedTask : Record(new IncidentOpened(incidentId), "system");

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
