using Command.Abstractions.Patrols;
using Command.Silo.Runtime;

namespace Command.Silo.Patrols;

/// <summary>
/// The city's callsigns. Every commission claims its team's callsign here before it is journaled, and one grain takes
/// one claim at a time, so two teams commissioned at once on two silos cannot both get the same one.
/// </summary>
[GrainType("callsigns")]
public sealed class CallsignRegisterGrain : JournaledGrain<CallsignState, CallsignEvent>, ICallsignRegisterGrain
{
    public const string RegisterKey = "all";

    protected override CallsignState InitialState => CallsignState.Empty;

    protected override int SnapshotEvery => 256;

    protected override CallsignState Apply(CallsignState state, CallsignEvent @event, EventMeta meta) => @event switch
    {
        CallsignClaimed c => new CallsignState(
            (state.Held.TryGetValue(c.TeamId, out var old) ? state.Holders.Remove(old) : state.Holders).SetItem(c.Key, c.TeamId),
            state.Held.SetItem(c.TeamId, c.Key)),
        _ => state,
    };

    public async Task<string?> Claim(string teamId, string callsign)
    {
        string key = Callsigns.Key(callsign);
        if (State.Holders.TryGetValue(key, out var holder))
        {
            return holder == teamId ? null : holder;
        }
        RaiseEvent(new CallsignClaimed(teamId, key), "system");
        await ConfirmEvents();
        return null;
    }
}
