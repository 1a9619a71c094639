using Command.Abstractions.Sweeps;

namespace Command.Silo.Sweeps;

/// <summary>What the board keeps of one schedule: its journaled periods, as its grain last published them.</summary>
public sealed record SweepLedger(string JurisdictionId, DateTimeOffset? Since, IReadOnlyList<SweepPeriodRecord> Periods, long Version);
