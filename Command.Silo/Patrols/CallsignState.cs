using System.Collections.Immutable;

namespace Command.Silo.Patrols;

/// <summary>The callsigns held, both ways round: by callsign key to find a holder, by team to free a renamed team's old one.</summary>
public sealed record CallsignState(ImmutableDictionary<string, string> Holders, ImmutableDictionary<string, string> Held)
{
    public static CallsignState Empty { get; } = new(ImmutableDictionary.Create<string, string>(StringComparer.Ordinal), ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));
}
