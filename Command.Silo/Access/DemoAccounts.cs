using Command.Abstractions.Access;
using Command.Console;
using Command.Silo.Demo;

namespace Command.Silo.Access;

/// <summary>
/// Which accounts still have the published demo password: those the demo seed created that have had no password set
/// since and are not disabled (each user's grain knows it from its journal). In a development setting the sign-in page
/// names them (<see cref="ISignInNotice"/>); anywhere else the silo does not serve while there are any, so the page
/// never needs to ask.
/// </summary>
public sealed class DemoAccounts(IGrainFactory grains, IHostEnvironment environment, TimeProvider time, ILogger<DemoAccounts> logger) : ISignInNotice
{
    /// <summary>How stale the sign-in page's notice may be: a password set on another silo of the cluster shows after this.</summary>
    private static readonly TimeSpan refreshEvery = TimeSpan.FromSeconds(30);

    private volatile Known? known;
    private int refreshing;

    private sealed record Known(IReadOnlyList<string> Accounts, long At);

    public string? Text
    {
        get
        {
            if (!DemoUsers.AllowedIn(environment))
            {
                return null;
            }
            var current = known;
            if ((current is null || time.GetElapsedTime(current.At) >= refreshEvery) && Interlocked.CompareExchange(ref refreshing, 1, 0) == 0)
            {
                _ = RefreshAsync();
            }
            return current is { Accounts.Count: > 0 }
                ? $"演示账号，密码公开，仅供演示：{string.Join("、", current.Accounts)} 的密码均为 {DemoUsers.Password}。正式使用前请停用这些账号或为其重设密码。"
                : null;
        }
    }

    /// <summary>The usernames, in order; asks each candidate's grain, so the answer is current.</summary>
    public async Task<IReadOnlyList<string>> FindAsync()
    {
        var users = await grains.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List();
        var candidates = users.Where(u => u.CreatedBy == DemoUsers.Seeder).Select(u => u.Username).ToList();
        var flags = await Task.WhenAll(candidates.Select(async name =>
        {
            var grain = grains.GetGrain<IUserGrain>(name);
            return await grain.Get() is { Disabled: false } && await grain.HasDemoPassword();
        }));
        IReadOnlyList<string> found = [.. candidates.Where((_, i) => flags[i]).Order(StringComparer.Ordinal)];
        known = new Known(found, time.GetTimestamp());
        return found;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await FindAsync();
        }
        catch (Exception ex)
        {
            // The notice stays as it was; the next sign-in page asks again.
            logger.LogDebug(ex, "Could not refresh the list of demo accounts");
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }
}
