using System.Globalization;
using Command.Abstractions.Access;

namespace Command.Silo.Access;

/// <summary>
/// Keeps refusals that a source can repeat at will (throttled sign-ins, rate limits, refused tokens) from flooding the
/// audit journal: per client address and kind, the first in a minute is written and the rest are counted, then
/// written as one "N more …" entry when the minute ends, or at shutdown. At most a configured number of addresses are
/// tracked; once that many are, further addresses share one count per kind until the minute ends.
/// </summary>
public sealed class RepeatedRefusals : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The From of a summary that counts the addresses beyond the tracked ones.</summary>
    public const string OtherAddresses = "(other addresses)";

    private readonly Lock gate = new();
    private readonly Dictionary<(string Kind, string From), RefusalRepeats> open = [];
    // Windows in the order they opened, which is the order they end in.
    private readonly Queue<((string Kind, string From) Key, RefusalRepeats Repeats)> ending = new();
    private readonly TimeProvider time;
    private readonly int maxSources;
    private readonly Action<AuditEntry> write;
    private readonly ITimer timer;
    private int overflowWindows;
    private DateTimeOffset? armedFor;

    public RepeatedRefusals(TimeProvider time, int maxSources, Action<AuditEntry> write)
    {
        this.time = time;
        this.maxSources = maxSources;
        this.write = write;
        timer = time.CreateTimer(_ => EndWindows(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Addresses (and the shared overflow) whose minute is running.</summary>
    public int Tracked
    {
        get
        {
            lock (gate)
            {
                return open.Count;
            }
        }
    }

    /// <summary>True when the entry is to be written now, the first of its address and kind this minute; false when
    /// it was counted into the minute's summary instead.</summary>
    public bool Admit(AuditEntry entry)
    {
        lock (gate)
        {
            var key = (entry.Kind, entry.From ?? "");
            if (!open.TryGetValue(key, out var repeats) && open.Count - overflowWindows >= maxSources)
            {
                key = (entry.Kind, OtherAddresses);
                open.TryGetValue(key, out repeats);
            }
            if (repeats is not null)
            {
                repeats.Count(entry);
                return false;
            }
            repeats = new RefusalRepeats(entry.At);
            open[key] = repeats;
            if (key.Item2 == OtherAddresses)
            {
                overflowWindows++;
            }
            ending.Enqueue((key, repeats));
            Arm(entry.At + Window);
            return true;
        }
    }

    /// <summary>Writes the summary of every running minute now; the host is stopping.</summary>
    public void EndAll()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (ending.TryDequeue(out var window))
            {
                End(window.Key, window.Repeats, now);
            }
        }
    }

    private void EndWindows()
    {
        lock (gate)
        {
            armedFor = null;
            var now = time.GetUtcNow();
            while (ending.TryPeek(out var window) && window.Repeats.Start + Window <= now)
            {
                ending.Dequeue();
                End(window.Key, window.Repeats, now);
            }
            if (ending.TryPeek(out var next))
            {
                // Not sooner than a second from now: under a flood, one pass ends the minutes of many addresses.
                var due = next.Repeats.Start + Window;
                Arm(due > now + TimeSpan.FromSeconds(1) ? due : now + TimeSpan.FromSeconds(1));
            }
        }
    }

    private void End((string Kind, string From) key, RefusalRepeats repeats, DateTimeOffset now)
    {
        open.Remove(key);
        if (key.From == OtherAddresses)
        {
            overflowWindows--;
        }
        if (repeats.Summary(key.Kind, key.From, now) is { } summary)
        {
            write(summary);
        }
    }

    private void Arm(DateTimeOffset due)
    {
        if (armedFor is { } armed && armed <= due)
        {
            return;
        }
        armedFor = due;
        var wait = due - time.GetUtcNow();
        timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => timer.Dispose();

    /// <summary>The minute's start as the summary names it.</summary>
    internal static string Minute(DateTimeOffset start) => start.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
