using System.Collections.Concurrent;
using Command.Abstractions.Patrols;

namespace Command.Silo.Storage;

/// <summary>
/// What every durable telemetry store shares: reports are only buffered when they arrive, and a loop flushes the
/// newest position of each team that moved plus every report, every interval, through the store's own write. What a
/// failed write did not take goes back into the buffer (the newest position unless a newer one came meanwhile, and
/// the unsent reports, never those already written). While the store is away the buffer is bounded: the oldest
/// reports are dropped first, the latest position per team never.
/// </summary>
public sealed class TelemetryBuffer : IAsyncDisposable
{
    public const int DefaultMaxBufferedReports = 200_000;

    private readonly ConcurrentDictionary<string, TeamPosition> unsavedLatest = new();
    private readonly ConcurrentQueue<(string TeamId, TeamPosition Position)> unsavedTrack = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    // Guards the hand-over from the queue to the write in progress, so a track read sees every report in one of the
    // queue, the write in progress or the store: the write is cleared only after the store has it.
    private readonly Lock handover = new();
    private IReadOnlyList<(string TeamId, TeamPosition Position)> writing = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Func<IReadOnlyList<KeyValuePair<string, TeamPosition>>, IReadOnlyList<(string TeamId, TeamPosition Position)>, CancellationToken, Task> write;
    private readonly int reportsPerWrite;
    private readonly int maxBufferedReports;
    private readonly ILogger logger;
    private readonly Task flushLoop;
    private long dropped;
    private int disposed;

    /// <param name="write">Writes one part: newest positions and reports. A part is at most <paramref name="reportsPerWrite"/> items.</param>
    public TelemetryBuffer(
        Func<IReadOnlyList<KeyValuePair<string, TeamPosition>>, IReadOnlyList<(string TeamId, TeamPosition Position)>, CancellationToken, Task> write,
        TimeSpan flushInterval, TimeProvider time, ILogger logger, string storeName,
        int reportsPerWrite = int.MaxValue, int maxBufferedReports = DefaultMaxBufferedReports)
    {
        this.write = write;
        this.reportsPerWrite = reportsPerWrite;
        this.maxBufferedReports = maxBufferedReports;
        this.logger = logger;
        flushLoop = Task.Run(async () =>
        {
            bool failing = false;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(flushInterval, time, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                try
                {
                    await FlushAsync().ConfigureAwait(false);
                    if (failing)
                    {
                        failing = false;
                        logger.LogInformation("Telemetry flushes to {Store} again", storeName);
                    }
                }
                catch (Exception ex)
                {
                    // Once per outage, not once an interval.
                    if (!failing)
                    {
                        failing = true;
                        logger.LogWarning(ex, "Telemetry flush to {Store} failed; positions stay buffered and are retried every interval", storeName);
                    }
                }
            }
        });
    }

    public int Buffered => unsavedTrack.Count;

    /// <summary>Positions not yet written: reads overlay them on what the store has.</summary>
    public IEnumerable<KeyValuePair<string, TeamPosition>> UnsavedLatest => unsavedLatest;

    /// <summary>One team's reports between the times that are not in the store yet (queued, or being written now).
    /// Call it before reading the store: a report can then be seen twice, but never missed.</summary>
    public List<TeamPosition> UnsavedTrack(string teamId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (handover)
        {
            return [.. writing.Concat(unsavedTrack)
                .Where(r => string.Equals(r.TeamId, teamId, StringComparison.Ordinal) && r.Position.At >= from && r.Position.At <= to)
                .Select(r => r.Position)];
        }
    }

    /// <summary>A track read: what the store has and what it does not have yet, each report once, in time order.</summary>
    public static IReadOnlyList<TeamPosition> Merge(IEnumerable<TeamPosition> unsaved, IEnumerable<TeamPosition> stored) =>
        [.. stored.Concat(unsaved).Distinct().OrderBy(p => p.At)];

    public void Record(string teamId, TeamPosition position)
    {
        unsavedLatest[teamId] = position;
        unsavedTrack.Enqueue((teamId, position));
        while (unsavedTrack.Count > maxBufferedReports && unsavedTrack.TryDequeue(out _))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref dropped, 0) is > 0 and var lost)
            {
                logger.LogWarning("Dropped the {Count} oldest position reports from the track while the store could not take them", lost);
            }
            var track = new List<(string TeamId, TeamPosition Position)>();
            lock (handover)
            {
                while (unsavedTrack.TryDequeue(out var item))
                {
                    track.Add(item);
                }
                writing = track;
            }
            var latest = new List<KeyValuePair<string, TeamPosition>>();
            foreach (var teamId in unsavedLatest.Keys)
            {
                if (unsavedLatest.TryRemove(teamId, out var position))
                {
                    latest.Add(new(teamId, position));
                }
            }
            int latestSent = 0, trackSent = 0;
            try
            {
                while (latestSent < latest.Count || trackSent < track.Count)
                {
                    var latestPart = latest.Skip(latestSent).Take(reportsPerWrite).ToList();
                    var trackPart = track.Skip(trackSent).Take(Math.Max(0, reportsPerWrite - latestPart.Count)).ToList();
                    await write(latestPart, trackPart, cancellationToken).ConfigureAwait(false);
                    latestSent += latestPart.Count;
                    trackSent += trackPart.Count;
                }
            }
            catch
            {
                foreach (var (teamId, position) in latest.Skip(latestSent))
                {
                    unsavedLatest.TryAdd(teamId, position);
                }
                // Back in the queue before the write in progress is cleared (below), so a read never misses them.
                foreach (var item in track.Skip(trackSent))
                {
                    unsavedTrack.Enqueue(item);
                }
                throw;
            }
            finally
            {
                lock (handover)
                {
                    writing = [];
                }
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Stops the loop and writes what is left, once; the host may dispose a store twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await flushLoop.ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Final telemetry flush failed");
        }
    }
}
