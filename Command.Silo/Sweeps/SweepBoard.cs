using System.Collections.Concurrent;
using System.Text.Json;
using Command.Silo.Cluster;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Silo.Sweeps;

/// <summary>
/// The read model behind 排查与零报告: each schedule's journaled periods, kept current by its grain, shared with the other
/// silos on the cluster feed and rebuilt at start from snapshots. A schedule with nothing on record is simply absent:
/// its row is computed from the clock.
/// </summary>
public sealed class SweepBoard
{
    public const string FeedKind = "sweep";

    private readonly ConcurrentDictionary<string, SweepLedger> items = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;

    public SweepBoard(IClusterFeed feed)
    {
        this.feed = feed;
        feed.Subscribe<SweepLedger>(FeedKind, Apply);
    }

    public void Update(SweepLedger ledger)
    {
        Apply(ledger);
        feed.Publish(FeedKind, ledger.JurisdictionId, ledger);
    }

    private void Apply(SweepLedger ledger) =>
        items.AddOrUpdate(ledger.JurisdictionId, ledger, (_, existing) => existing.Version > ledger.Version ? existing : ledger);

    public SweepLedger? Find(string jurisdictionId) => items.GetValueOrDefault(jurisdictionId);

    public async Task<int> LoadAsync(IEventJournal journal, ILogger logger, CancellationToken cancellationToken)
    {
        int unreadable = 0;
        foreach (var snapshot in await journal.ReadSnapshotsAsync(SweepGrain.StreamPrefix, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (JsonSerializer.Deserialize<SweepState>(snapshot.State, JournalJson.Options) is { } state)
                {
                    Apply(state.ToLedger(snapshot.Stream[SweepGrain.StreamPrefix.Length..], snapshot.Version));
                }
            }
            catch (JsonException ex)
            {
                unreadable++;
                logger.LogError(ex, "Snapshot of {Stream} at version {Version} is unreadable; the schedule shows as if nothing were on record", snapshot.Stream, snapshot.Version);
            }
        }
        return unreadable;
    }
}
