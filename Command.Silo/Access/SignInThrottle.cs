using Command.Silo.Cluster;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// Counts failed sign-ins over the last minute per client address, per username and per (address, username).
/// <list type="bullet">
/// <item>An address that failed <see cref="AccessOptions.SignInFailuresPerMinute"/> times gets 429 for every username.</item>
/// <item>A username that failed <see cref="AccessOptions.SignInFailuresPerUsernamePerMinute"/> times, from all addresses
/// together, gets 429 only at the addresses that themselves failed for it: its owner, elsewhere, still signs in.</item>
/// </list>
/// An attempt counts as a failure from the moment it is let through, before its password is checked, and a success
/// gives it back: parallel guesses cannot all pass the check before the first of them is counted.
/// Memory is bounded whatever arrives: at most <see cref="AccessOptions.SignInThrottleMaxKeys"/> keys, expired ones
/// swept each minute, and when full, the keys with the fewest recent failures go first, oldest first among equals. A
/// flood of new names or addresses has one failure per key, so it evicts its own kind; to push out a key with n failures,
/// an attacker has to fill the whole table with keys of n failures each within one minute.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // One lock for the whole table: a reservation must check and count the address, the username and the pair at once,
    // and sign-ins are few (the rate limiter lets 30 a minute through per address), so contention is nil.
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> failures = new(StringComparer.Ordinal);
    private readonly IOptions<AccessOptions> options;
    private readonly TimeProvider time;
    private readonly IClusterFeed feed;
    private readonly ITimer sweeper;
    private bool sweepArmed;

    public SignInThrottle(IOptions<AccessOptions> options, TimeProvider time, IClusterFeed feed)
    {
        this.options = options;
        this.time = time;
        this.feed = feed;
        sweeper = time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Guesses spread over the silos count together: each silo counts every silo's failures.
        feed.Subscribe<SignInFailure>(FeedKinds.SignInFailure, f => Record(f.Address, f.Username, f.At));
    }

    /// <summary>How many addresses, usernames and pairs are tracked now.</summary>
    public int TrackedKeys
    {
        get
        {
            lock (gate)
            {
                return failures.Count;
            }
        }
    }

    /// <summary>
    /// Lets one attempt through, counted as a failure until <see cref="SignInReservation.Succeeded"/> gives it back;
    /// or null when the address or the username has had too many, with the seconds until it may try again.
    /// </summary>
    public SignInReservation? TryReserve(string address, string username, out int retryAfterSeconds)
    {
        var now = time.GetUtcNow();
        var access = options.Value;
        bool known = Usernames.IsValid(username);
        lock (gate)
        {
            var wait = Wait(AddressKey(address), access.SignInFailuresPerMinute, now);
            if (known && Count(PairKey(address, username), now) > 0)
            {
                // The username is being guessed, and this address is among those that guessed wrong: until its own wrong
                // guess for it expires, or the username's count falls below the limit, whichever is first.
                var forUser = Wait(UserKey(username), access.SignInFailuresPerUsernamePerMinute, now);
                if (forUser > TimeSpan.Zero)
                {
                    var ownExpires = failures[PairKey(address, username)][^1] + Window - now;
                    wait = Max(wait, Min(forUser, ownExpires));
                }
            }
            if (wait > TimeSpan.Zero)
            {
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                return null;
            }
            Add(address, username, now);
        }
        retryAfterSeconds = 0;
        return new SignInReservation(this, address, username, now);
    }

    /// <summary>The attempt's password was right: it was never a failure.</summary>
    internal void Release(SignInReservation reservation)
    {
        lock (gate)
        {
            foreach (string key in Keys(reservation.Address, reservation.Username))
            {
                if (failures.TryGetValue(key, out var times) && times.Remove(reservation.At) && times.Count == 0)
                {
                    failures.Remove(key);
                }
            }
        }
    }

    /// <summary>The attempt failed: it stays counted here, and the other silos count it too.</summary>
    internal void Confirm(SignInReservation reservation) =>
        feed.Publish(FeedKinds.SignInFailure, null, new SignInFailure(reservation.Address, reservation.Username, reservation.At));

    private void Record(string address, string username, DateTimeOffset at)
    {
        if (address.Length > 64 || username.Length > Usernames.MaxLength)
        {
            return;
        }
        lock (gate)
        {
            Add(address, username, at);
        }
    }

    private void Add(string address, string username, DateTimeOffset at)
    {
        var keys = Keys(address, username).ToArray();
        MakeRoom(keys, at);
        int keep = Math.Max(options.Value.SignInFailuresPerMinute, options.Value.SignInFailuresPerUsernamePerMinute);
        foreach (string key in keys)
        {
            if (!failures.TryGetValue(key, out var times))
            {
                failures[key] = times = new List<DateTimeOffset>(2);
            }
            // Sorted, as failures heard from other silos may arrive late.
            int index = times.BinarySearch(at);
            times.Insert(index < 0 ? ~index : index, at);
            // Only the newest few matter: a key is over its limit exactly while its limit-th newest failure is in the window.
            if (times.Count > keep)
            {
                times.RemoveRange(0, times.Count - keep);
            }
        }
        if (!sweepArmed)
        {
            sweepArmed = true;
            sweeper.Change(Window, Timeout.InfiniteTimeSpan);
        }
    }

    private void MakeRoom(string[] keys, DateTimeOffset now)
    {
        int max = options.Value.SignInThrottleMaxKeys;
        int needed = keys.Count(k => !failures.ContainsKey(k));
        if (needed == 0 || failures.Count + needed <= max)
        {
            return;
        }
        RemoveExpired(now);
        int excess = failures.Count + needed - max;
        if (excess <= 0)
        {
            return;
        }
        // A tenth at a time, so that a full table under a flood is scanned once per many insertions, not on each. A pair
        // weighs what its username does: it is what keeps a guessed account's lock on the addresses that guessed.
        var victims = failures
            .Where(f => !keys.Contains(f.Key))
            .Select(f => (f.Key, Weight: Math.Max(f.Value.Count, f.Key.StartsWith("p:", StringComparison.Ordinal)
                ? failures.GetValueOrDefault(UserKey(f.Key[2..f.Key.IndexOf(' ', StringComparison.Ordinal)]))?.Count ?? 0 : 0), Last: f.Value[^1]))
            .OrderBy(f => f.Weight).ThenBy(f => f.Last)
            .Take(Math.Max(excess, max / 10))
            .Select(f => f.Key)
            .ToList();
        foreach (string key in victims)
        {
            failures.Remove(key);
        }
    }

    private void Sweep()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            RemoveExpired(now);
            if (failures.Count == 0)
            {
                sweepArmed = false;
                return;
            }
            var next = failures.Values.Min(t => t[^1]) + Window - now;
            sweeper.Change(next > TimeSpan.FromSeconds(1) ? next : TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, times) in failures)
        {
            if (times[^1] <= now - Window)
            {
                failures.Remove(key);
            }
            else if (times[0] <= now - Window)
            {
                times.RemoveAll(t => t <= now - Window);
            }
        }
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times))
        {
            return 0;
        }
        times.RemoveAll(t => t <= now - Window);
        if (times.Count == 0)
        {
            failures.Remove(key);
        }
        return times.Count;
    }

    /// <summary>How long until the key has fewer than <paramref name="limit"/> failures in the window.</summary>
    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        int count = Count(key, now);
        return count < limit ? TimeSpan.Zero : failures[key][count - limit] + Window - now;
    }

    private static IEnumerable<string> Keys(string address, string username)
    {
        yield return AddressKey(address);
        // A name that cannot exist is counted against its address only: it protects no account.
        if (Usernames.IsValid(username))
        {
            yield return UserKey(username);
            yield return PairKey(address, username);
        }
    }

    private static string AddressKey(string address) => "a:" + address;

    private static string UserKey(string username) => "u:" + username;

    private static string PairKey(string address, string username) => "p:" + username + " " + address;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public void Dispose() => sweeper.Dispose();
}
