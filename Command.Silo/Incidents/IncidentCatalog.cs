using System.Collections.Concurrent;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Silo.Cluster;
using Command.Silo.Escalation;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Silo.Incidents;

/// <summary>
/// The read model behind incident lists: one summary per incident, kept current by the incident grains and
/// rebuilt at start from the incidents' snapshots (incidents snapshot on every change, so no replay is needed),
/// together with the escalation board and the statistics' case facts (one parse of each snapshot for all three).
/// </summary>
public sealed class IncidentCatalog
{
    private readonly ConcurrentDictionary<string, IncidentSummary> incidents = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;

    public IncidentCatalog(IClusterFeed feed)
    {
        this.feed = feed;
        feed.Subscribe<IncidentSummary>(FeedKinds.Incident, summary => Apply(summary));
        feed.Subscribe<IncidentPhone>(FeedKinds.IncidentPhone, p => phones[p.Id] = p.Phone);
    }

    public int Count => incidents.Count;

    /// <summary>The incident's grain changed it: here, and on the other silos.</summary>
    public void Update(IncidentSummary summary)
    {
        Apply(summary);
        feed.Publish(FeedKinds.Incident, summary.Id, summary);
    }

    /// <summary>A version never goes back: a late message from a silo the incident has left changes nothing. True when
    /// the summary was taken (it is at least as new as what was here).</summary>
    private bool Apply(IncidentSummary summary) =>
        ReferenceEquals(incidents.AddOrUpdate(summary.Id, summary, (_, existing) => existing.Version > summary.Version ? existing : summary), summary);

    public IncidentSummary? Find(string id) => incidents.GetValueOrDefault(id);

    private readonly ConcurrentDictionary<string, string> phones = new(StringComparer.Ordinal);

    /// <summary>The caller's phone, for 历史警情查询 only: it stays out of the summary that every console is pushed.
    /// Other silos hear of it on the cluster feed.</summary>
    public void IndexPhone(string id, string? phone)
    {
        if (phone is not null && !(phones.TryGetValue(id, out var known) && known == phone))
        {
            phones[id] = phone;
            feed.Publish(FeedKinds.IncidentPhone, id, new IncidentPhone(id, phone));
        }
    }

    public string? PhoneOf(string id) => phones.GetValueOrDefault(id);

    public IEnumerable<IncidentSummary> All() => incidents.Values;

    /// <summary>An unreadable snapshot is logged and skipped: one damaged record must not keep a whole county's
    /// dispatch centre dark. The incident's journal is untouched and can be repaired and replayed. The snapshots are
    /// parsed on every core: with 100,000 incidents the parsing is most of the start, and nothing else runs meanwhile.</summary>
    public async Task<int> LoadAsync(IEventJournal journal, EscalationBoard board, Statistics.CaseFacts facts, ILogger logger, CancellationToken cancellationToken)
    {
        var snapshots = await journal.ReadSnapshotsAsync(IncidentGrain.StreamPrefix, cancellationToken).ConfigureAwait(false);
        int unreadable = 0;
        Parallel.ForEach(snapshots, new ParallelOptions { CancellationToken = cancellationToken }, snapshot =>
        {
            try
            {
                var state = JsonSerializer.Deserialize<IncidentState>(snapshot.State, JournalJson.Options);
                if (state is { Exists: true })
                {
                    string id = snapshot.Stream[IncidentGrain.StreamPrefix.Length..];
                    if (!Apply(state.ToSummary(id, snapshot.Version)))
                    {
                        // A reload after missed changes, and this silo already holds a newer version (its escalations too).
                        return;
                    }
                    facts.Load(id, snapshot.Version, state);
                    if (state.Call!.CallerPhone is { } phone)
                    {
                        phones[id] = phone;
                    }
                    foreach (var escalation in state.Escalations)
                    {
                        board.Load(escalation);
                    }
                }
            }
            catch (JsonException ex)
            {
                Interlocked.Increment(ref unreadable);
                logger.LogError(ex, "Snapshot of {Stream} at version {Version} is unreadable; the incident is left out of lists", snapshot.Stream, snapshot.Version);
            }
        });
        return unreadable;
    }
}

/// <summary>An incident's caller phone on the cluster feed (see <see cref="IncidentCatalog.IndexPhone"/>).</summary>
public sealed record IncidentPhone(string Id, string Phone);
