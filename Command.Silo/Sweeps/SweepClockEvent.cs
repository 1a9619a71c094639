using System.Text.Json.Serialization;

namespace Command.Silo.Sweeps;

[JsonDerivedType(typeof(SweepClockStarted), "started")]
[JsonDerivedType(typeof(SweepClockSwept), "swept")]
public abstract record SweepClockEvent;
