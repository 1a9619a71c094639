using Command.Abstractions.Incidents;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

[GrainType("register")]
public sealed class IncidentRegisterGrain : JournaledGrain<RegisterState, RegisterEvent>, IIncidentRegisterGrain
{
    protected override RegisterState InitialState => RegisterState.Empty;

    protected override int SnapshotEvery => 64;

    protected override RegisterState Apply(RegisterState state, RegisterEvent @event, EventMeta meta) => @event switch
    {
        NumberIssued n => new RegisterState(n.Number, state.ByIncident.SetItem(n.IncidentId, n.Number)),
        _ => state,
    };

    /// <summary>A retried intake for the same incident gets the same number, so a retry never burns one.</summary>
    public async Task<int> Next(string incidentId)
    {
        if (State.ByIncident.TryGetValue(incidentId, out int issued))
        {
            return issued;
        }
        RaiseEvent(new NumberIssued(State.Last + 1, incidentId), "system");
        await ConfirmEvents();
        return State.Last;
    }
}
