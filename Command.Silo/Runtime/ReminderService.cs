using Command.Abstractions.Runtime;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;

namespace Command.Silo.Runtime;

/// <summary>
/// Durable reminders. The table is the truth; this service keeps its rows in memory ordered by due time and
/// arms one TimeProvider timer for the earliest. On start it loads the table, so a reminder that fell due while
/// the silo was down is delivered at once, with its lateness. A one-shot reminder is deleted only after its grain
/// took it without throwing: delivery is at-least-once, and grains make the handling idempotent from their state.
/// </summary>
internal sealed class ReminderService(
    IReminderTable table,
    TimeProvider time,
    IOptions<GrainRuntimeOptions> options,
    ILogger<ReminderService> logger) : IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<(string GrainId, string Name), ReminderEntry> entries = [];
    private readonly PriorityQueue<ReminderEntry, DateTimeOffset> queue = new();
    private readonly HashSet<(string, string)> delivering = [];
    private Func<GrainId, IRemindable>? resolve;
    private ITimer? timer;
    private bool started;

    public async Task StartAsync(Func<GrainId, IRemindable> resolveGrain, CancellationToken cancellationToken)
    {
        resolve = resolveGrain;
        var rows = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            foreach (var row in rows)
            {
                entries[(row.GrainId, row.Name)] = row;
                queue.Enqueue(row, row.DueAt);
            }
            started = true;
            timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        logger.LogInformation("Loaded {Count} reminders", rows.Count);
        Pump();
    }

    public async Task RegisterAsync(ReminderEntry entry)
    {
        await table.UpsertAsync(entry).ConfigureAwait(false);
        lock (gate)
        {
            entries[(entry.GrainId, entry.Name)] = entry;
            queue.Enqueue(entry, entry.DueAt);
        }
        Pump();
    }

    public async Task UnregisterAsync(string grainId, string name)
    {
        await table.DeleteAsync(grainId, name, null).ConfigureAwait(false);
        lock (gate)
        {
            entries.Remove((grainId, name));
        }
    }

    /// <summary>Delivers every reminder that is due and re-arms the timer for the next one.</summary>
    private void Pump()
    {
        var due = new List<ReminderEntry>();
        lock (gate)
        {
            if (!started)
            {
                return;
            }
            var now = time.GetUtcNow();
            while (queue.TryPeek(out var head, out var dueAt))
            {
                // Queue items are superseded when a reminder is re-registered; only the current row counts.
                if (!entries.TryGetValue((head.GrainId, head.Name), out var current) || !ReferenceEquals(current, head))
                {
                    queue.Dequeue();
                    continue;
                }
                if (dueAt > now)
                {
                    timer!.Change(dueAt - now, Timeout.InfiniteTimeSpan);
                    break;
                }
                queue.Dequeue();
                if (delivering.Add((head.GrainId, head.Name)))
                {
                    due.Add(head);
                }
            }
        }
        foreach (var entry in due)
        {
            _ = DeliverAsync(entry);
        }
    }

    private async Task DeliverAsync(ReminderEntry entry)
    {
        var firedAt = time.GetUtcNow();
        bool delivered = false;
        try
        {
            await resolve!(GrainId.Parse(entry.GrainId)).ReceiveReminder(entry.Name, new TickStatus(entry.DueAt, firedAt)).ConfigureAwait(false);
            delivered = true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reminder {Name} of {Grain} threw; retrying in {Retry}", entry.Name, entry.GrainId, options.Value.ReminderRetry);
        }

        ReminderEntry? next = null;
        lock (gate)
        {
            delivering.Remove((entry.GrainId, entry.Name));
            bool stillCurrent = entries.TryGetValue((entry.GrainId, entry.Name), out var current) && ReferenceEquals(current, entry);
            if (stillCurrent)
            {
                next = !delivered ? entry with { DueAt = firedAt + options.Value.ReminderRetry }
                    : entry.Period is { } period ? entry with { DueAt = NextDue(entry.DueAt, period, firedAt) }
                    : null;
                if (next is null)
                {
                    entries.Remove((entry.GrainId, entry.Name));
                }
                else
                {
                    entries[(entry.GrainId, entry.Name)] = next;
                    queue.Enqueue(next, next.DueAt);
                }
            }
        }

        try
        {
            if (next is not null)
            {
                await table.UpsertAsync(next).ConfigureAwait(false);
            }
            else if (delivered)
            {
                await table.DeleteAsync(entry.GrainId, entry.Name, entry.DueAt).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The row stays as it was: at worst the reminder is delivered again after a restart, which grains tolerate.
            logger.LogWarning(ex, "Could not update reminder {Name} of {Grain}", entry.Name, entry.GrainId);
        }
        Pump();
    }

    private static DateTimeOffset NextDue(DateTimeOffset due, TimeSpan period, DateTimeOffset now)
    {
        // A periodic reminder that missed several periods fires once and then keeps its cadence.
        long missed = (now - due).Ticks / period.Ticks + 1;
        return due + TimeSpan.FromTicks(period.Ticks * Math.Max(1, missed));
    }

    public void Dispose()
    {
        lock (gate)
        {
            started = false;
            timer?.Dispose();
        }
    }
}
