using System.Text.Json.Serialization;

namespace Command.Tests.Runtime;

[JsonDerivedType(typeof(Added), "added")]
[JsonDerivedType(typeof(Reminded), "reminded")]
public abstract record CounterEvent;

public sealed record Added(int Amount) : CounterEvent;

public sealed record Reminded(DateTimeOffset DueAt, DateTimeOffset FiredAt) : CounterEvent;
