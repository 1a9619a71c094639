using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// Counts failed sign-ins per client address and per username over the last minute. Once either has reached the
/// limit, further attempts are answered 429 without checking the password, so guessing costs a minute per ten tries.
/// </summary>
public sealed class SignInThrottle(IOptions<AccessOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    /// <summary>Seconds until another attempt is heard, or null when one may be made now.</summary>
    public int? RetryAfter(string address, string username)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Wait("ip:" + address, now), Wait("user:" + username, now) }.Max();
        return wait > TimeSpan.Zero ? (int)Math.Ceiling(wait.TotalSeconds) : null;
    }

    public void Failed(string address, string username)
    {
        var now = time.GetUtcNow();
        Add("ip:" + address, now);
        Add("user:" + username, now);
    }

    private TimeSpan Wait(string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times))
        {
            return TimeSpan.Zero;
        }
        lock (times)
        {
            Trim(times, now);
            if (times.Count == 0)
            {
                failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, times));
                return TimeSpan.Zero;
            }
            return times.Count < options.Value.SignInFailuresPerMinute ? TimeSpan.Zero : times.Peek() + Window - now;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        var times = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Trim(times, now);
            times.Enqueue(now);
        }
    }

    private static void Trim(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() <= now - Window)
        {
            times.Dequeue();
        }
    }
}
