using Orleans;

namespace Command.Abstractions.Patrols;

/// <summary>Which team holds which callsign, city-wide, so two teams can never be commissioned under one. Key "all".</summary>
public interface ICallsignRegisterGrain : IGrainWithStringKey
{
    /// <summary>Gives <paramref name="callsign"/> to the team, releasing the one it held; answers the id of the team that
    /// holds it already (and changes nothing), or null.</summary>
    Task<string?> Claim(string teamId, string callsign);
}
