using System.Collections.Immutable;
using Command.Abstractions.Runtime;

namespace Command.Tests.Runtime;

public sealed record CounterState(int Total, ImmutableList<TickStatus> Reminders)
{
    public static CounterState Empty { get; } = new(0, []);
}
