using System.Collections.Immutable;

namespace Command.Silo.Incidents;

public sealed record RegisterState(int Last, ImmutableDictionary<string, int> ByIncident)
{
    public static RegisterState Empty { get; } = new(0, ImmutableDictionary<string, int>.Empty);
}
