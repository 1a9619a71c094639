using System.Globalization;
using System.Security.Cryptography;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Storage;

namespace Command.Silo.Access;

/// <summary>
/// At start: loads the credential register into memory (every silo), and makes sure someone can sign in (once). With --demo
/// in a development setting the demo accounts are created once; a silo without any account gets an administrator whose
/// random password is printed once, on this console only (never to the log files or the journal). Then every silo
/// looks for accounts that still have the published demo password: a development setting warns of them, anywhere else
/// the silo refuses to serve.
/// </summary>
public sealed class AccessBootstrap(IGrainFactory grains, Credentials credentials, IEventJournal journal, DemoAccounts demoAccounts, IHostEnvironment environment,
    TimeProvider time, ILogger<AccessBootstrap> logger)
{
    private const string DemoUsersStream = "seed/demo-users";

    /// <summary>Every silo keeps the credential register in memory.</summary>
    public Task LoadAsync() => credentials.LoadAsync();

    /// <summary>Once per cluster (see <see cref="Hosting.ClusterStartup"/>).</summary>
    public async Task EnsureAccountsAsync(bool demo, CancellationToken cancellationToken)
    {
        if (demo && !DemoUsers.AllowedIn(environment))
        {
            logger.LogInformation("The demo city is loaded without its sign-in accounts: their password is published, so they are created only in the Development environment");
        }
        else if (demo && (await journal.ReadAsync(DemoUsersStream, 0, cancellationToken)).Count == 0)
        {
            await Parallel.ForEachAsync(DemoUsers.All, cancellationToken, async (user, _) =>
            {
                var grain = grains.GetGrain<IUserGrain>(user.Username);
                if (await grain.Get() is null)
                {
                    // Straight to the grain: the published password is exactly what the password policy refuses.
                    await grain.Create(user.Profile, DemoUsers.Password, DemoUsers.Seeder);
                }
            });
            await journal.AppendAsync(DemoUsersStream, 0,
                [new JournalEntry(1, time.GetUtcNow(), "seeded", DemoUsers.Seeder, $"{{\"users\":{DemoUsers.All.Count.ToString(CultureInfo.InvariantCulture)}}}")], null, cancellationToken);
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

    /// <summary>Every silo, before it serves: accounts with the published demo password are a demo's, and a silo outside
    /// a development setting does not serve while there are any (<see cref="DemoPasswordsException"/>).</summary>
    public async Task CheckDemoPasswordsAsync()
    {
        var accounts = await demoAccounts.FindAsync();
        if (accounts.Count == 0)
        {
            return;
        }
        if (!DemoUsers.AllowedIn(environment))
        {
            throw new DemoPasswordsException(accounts, environment.EnvironmentName);
        }
        logger.LogWarning("Demo accounts {Accounts} have the published demo password (see the README): anyone can sign in as them. For a demo only; "
            + "a start outside the Development environment refuses to serve until they are disabled or have new passwords", string.Join(", ", accounts));
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), about 90 bits.</summary>
    private static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(RandomNumberGenerator.GetItems<char>(alphabet, 16));
    }
}
