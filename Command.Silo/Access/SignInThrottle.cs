using System.Collections.Concurrent;
using Command.Silo.Cluster;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// Counts failed sign-ins per client address and per username over the last minute. Once either has reached the
/// limit, further attempts are answered 429 without checking the password, so guessing costs a minute per ten tries.
/// </summary>
public sealed class SignInThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();
    private readonly IOptions<AccessOptions> options;
    private readonly TimeProvider time;
    private readonly IClusterFeed feed;

    public SignInThrottle(IOptions<AccessOptions> options, TimeProvider time, IClusterFeed feed)
    {
        this.options = options;
        this.time = time;
        this.feed = feed;
        // Guesses spread over the silos count together: each silo counts every silo's failures.
        feed.Subscribe<SignInFailure>(FeedKinds.SignInFailure, f => Record(f.Address, f.Username, f.At));
    }

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
        Record(address, username, now);
        feed.Publish(FeedKinds.SignInFailure, null, new SignInFailure(address, username, now));
    }

    private void Record(string address, string username, DateTimeOffset at)
    {
        Add("ip:" + address, at);
        Add("user:" + username, at);
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
