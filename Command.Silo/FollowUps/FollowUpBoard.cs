using System.Collections.Concurrent;
using System.Text.Json;
using Command.Abstractions.FollowUps;
using Command.Silo.Cluster;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Silo.FollowUps;

/// <summary>
/// The read model behind the 跟踪督办 lists: every item's latest view, kept current by the items' grains, shared with
/// the other silos on the cluster feed and rebuilt at start from the items' snapshots.
/// </summary>
public sealed class FollowUpBoard
{
    private readonly ConcurrentDictionary<string, FollowUpView> items = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;

    public FollowUpBoard(IClusterFeed feed)
    {
        this.feed = feed;
        feed.Subscribe<FollowUpView>(FeedKinds.FollowUp, Apply);
    }

    public void Update(FollowUpView view)
    {
        Apply(view);
        feed.Publish(FeedKinds.FollowUp, view.Id, view);
    }

    private void Apply(FollowUpView view) =>
        items.AddOrUpdate(view.Id, view, (_, existing) => existing.Version > view.Version ? existing : view);

    public FollowUpView? Find(string id) => items.GetValueOrDefault(id);

    public IEnumerable<FollowUpView> All() => items.Values;

    public async Task<int> LoadAsync(IEventJournal journal, ILogger logger, CancellationToken cancellationToken)
    {
        int unreadable = 0;
        foreach (var snapshot in await journal.ReadSnapshotsAsync(FollowUpGrain.StreamPrefix, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (JsonSerializer.Deserialize<FollowUpState>(snapshot.State, JournalJson.Options) is { Exists: true } state)
                {
                    Apply(state.ToView(snapshot.Stream[FollowUpGrain.StreamPrefix.Length..], snapshot.Version));
                }
            }
            catch (JsonException ex)
            {
                unreadable++;
                logger.LogError(ex, "Snapshot of {Stream} at version {Version} is unreadable; the item is left out of lists", snapshot.Stream, snapshot.Version);
            }
        }
        return unreadable;
    }
}
