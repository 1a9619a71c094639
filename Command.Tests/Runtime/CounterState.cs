using System.Collections.Immutable;
using Command.Silo.Runtime;

namespace Command.Tests.Runtime;

public sealed record CounterState(int Total, ImmutableList<DeadlineTick> Reminders)
{
    public static CounterState Empty { get; } = new(0, []);
}
