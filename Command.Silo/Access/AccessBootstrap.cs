using System.Globalization;
using System.Security.Cryptography;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Storage;

namespace Command.Silo.Access;

/// <summary>
/// At start: loads the credential register into memory (every silo), and makes sure someone can sign in (once). With --demo the demo
/// accounts are created once; a silo without any account gets an administrator whose random password is printed
/// once, on this console only (never to the log files or the journal).
/// </summary>
public sealed class AccessBootstrap(IGrainFactory grains, Credentials credentials, IEventJournal journal, TimeProvider time, ILogger<AccessBootstrap> logger)
{
    private const string DemoUsersStream = "seed/demo-users";

    /// <summary>Every silo keeps the credential register in memory.</summary>
    public Task LoadAsync() => credentials.LoadAsync();

    /// <summary>Once per cluster (see <see cref="Hosting.ClusterStartup"/>).</summary>
    public async Task EnsureAccountsAsync(bool demo, CancellationToken cancellationToken)
    {
        if (demo && (await journal.ReadAsync(DemoUsersStream, 0, cancellationToken)).Count == 0)
        {
            await Parallel.ForEachAsync(DemoUsers.All, cancellationToken, async (user, _) =>
            {
                var grain = grains.GetGrain<IUserGrain>(user.Username);
                if (await grain.Get() is null)
                {
                    await grain.Create(user.Profile, DemoUsers.Password, "demo");
                }
            });
            await journal.AppendAsync(DemoUsersStream, 0,
                [new JournalEntry(1, time.GetUtcNow(), "seeded", "demo", $"{{\"users\":{DemoUsers.All.Count.ToString(CultureInfo.InvariantCulture)}}}")], null, cancellationToken);
            logger.LogInformation("Created the {Count} demo accounts (see the README)", DemoUsers.All.Count);
        }
        if ((await grains.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List()).Count == 0)
        {
            string password = RandomPassword();
            await grains.GetGrain<IUserGrain>("admin").Create(new UserProfile("系统管理员", Role.Admin, Jurisdictions.JurisdictionMap.CityId, null), password, "system");
            System.Console.WriteLine();
            System.Console.WriteLine("==================================================================");
            System.Console.WriteLine(" First start: an administrator account was created.");
            System.Console.WriteLine($"   username: admin    password: {password}");
            System.Console.WriteLine(" This password is shown once. Sign in at /login and create the");
            System.Console.WriteLine(" accounts of your duty officers, leaders and patrol leaders.");
            System.Console.WriteLine("==================================================================");
            System.Console.WriteLine();
        }
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), about 90 bits.</summary>
    private static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(RandomNumberGenerator.GetItems<char>(alphabet, 16));
    }
}
