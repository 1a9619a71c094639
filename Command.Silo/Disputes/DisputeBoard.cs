using System.Collections.Concurrent;
using System.Text.Json;
using Command.Abstractions.Disputes;
using Command.Silo.Cluster;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Silo.Disputes;

/// <summary>
/// The read model behind the 矛盾纠纷台账 and its rates: every dispute's latest view, kept current by their grains, shared with
/// the other silos on the cluster feed and rebuilt at start from their snapshots.
/// </summary>
public sealed class DisputeBoard
{
    private readonly ConcurrentDictionary<string, DisputeView> items = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;

    public DisputeBoard(IClusterFeed feed)
    {
        this.feed = feed;
        feed.Subscribe<DisputeView>(FeedKinds.Dispute, Apply);
    }

    public void Update(DisputeView view)
    {
        Apply(view);
        feed.Publish(FeedKinds.Dispute, view.Id, view);
    }

    private void Apply(DisputeView view) =>
        items.AddOrUpdate(view.Id, view, (_, existing) => existing.Version > view.Version ? existing : view);

    public DisputeView? Find(string id) => items.GetValueOrDefault(id);

    public IEnumerable<DisputeView> All() => items.Values;

    public async Task<int> LoadAsync(IEventJournal journal, ILogger logger, CancellationToken cancellationToken)
    {
        int unreadable = 0;
        foreach (var snapshot in await journal.ReadSnapshotsAsync(DisputeGrain.StreamPrefix, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (JsonSerializer.Deserialize<DisputeState>(snapshot.State, JournalJson.Options) is { Exists: true } state)
                {
                    Apply(state.ToView(snapshot.Stream[DisputeGrain.StreamPrefix.Length..], snapshot.Version));
                }
            }
            catch (JsonException ex)
            {
                unreadable++;
                logger.LogError(ex, "Snapshot of {Stream} at version {Version} is unreadable; the dispute is left out of the ledger", snapshot.Stream, snapshot.Version);
            }
        }
        return unreadable;
    }
}
