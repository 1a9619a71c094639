using Command.Abstractions.Patrols;

namespace Command.Silo.Storage;

/// <summary>
/// Positions are telemetry, not journal events: at thousands of reports a second nothing may fsync per update.
/// <see cref="Record"/> only buffers; a background flush writes the latest position per team and appends the
/// track log in batches. A crash loses at most the last flush interval of positions, never a journal event.
/// </summary>
public interface ITelemetryStore
{
    void Record(string teamId, TeamPosition position);

    Task<IReadOnlyDictionary<string, TeamPosition>> ReadLatestAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    Task FlushAsync(CancellationToken cancellationToken = default);
}
