namespace Command.Silo.Sweeps;

/// <summary>The first period this schedule answers for starts at <see cref="Since"/>; nothing before it is ever marked.</summary>
public sealed record SweepStarted(DateTimeOffset Since) : SweepEvent;
