using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Access;
using Command.Silo.Access;
using Command.Silo.Demo;
using Command.Silo.Hosting;
using Command.Silo.Patrols;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Tests.Access;

/// <summary>
/// The demo accounts share a published password, so they exist only with --demo in a development setting (the
/// Development environment, or the tests' Testing), are named in the log and on the sign-in page there, and a start
/// anywhere else refuses to serve while an enabled account still has that password, nor enables one that has it.
/// </summary>
public sealed class DemoAccountTests
{
    private const string Notice = "演示账号，密码公开，仅供演示";

    private static readonly string[] demoAccounts = [.. DemoUsers.All.Select(u => u.Username).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ProductionStartLoadsTheDemoCityButCreatesNoDemoAccounts()
    {
        await using var app = new CommandApp(environment: "Production");
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.True(app.Services.GetRequiredService<TeamRegistry>().Count > 0, "the demo city's teams are loaded");
        foreach (string username in new[] { "admin", "gx.duty", "lc.duty" })
        {
            await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password = DemoUsers.Password }), HttpStatusCode.Unauthorized);
        }
        // The one account is the administrator of a first start, with a random password printed on the console.
        var users = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).List();
        Assert.Equal(("admin", "system"), (Assert.Single(users).Username, users[0].CreatedBy));
        Assert.DoesNotContain(Notice, await anonymous.GetStringAsync("/login"));
    }

    [Fact]
    public async Task TheSignInPageNamesTheDemoAccountsUntilNoneHasThePublishedPassword()
    {
        await using var app = new CommandApp();
        using var anonymous = app.CreateClient();
        string page = await anonymous.GetStringAsync("/login");
        Assert.Contains(Notice, page);
        Assert.All(demoAccounts, username => Assert.Contains(username, page));

        await RetireDemoAccountsAsync(app, except: []);
        // The page's list is refreshed in the background, at most every half minute.
        app.Time.Advance(TimeSpan.FromSeconds(31));
        await Eventually.True(() => !anonymous.GetStringAsync("/login").GetAwaiter().GetResult().Contains(Notice, StringComparison.Ordinal),
            "the sign-in page to drop the demo notice");
    }

    [Fact]
    public async Task ProductionStartRefusesWhileAnEnabledAccountStillHasTheDemoPassword()
    {
        var store = new MemoryStore();
        var time = TestClock.Create();
        await using (var demo = new CommandApp(store, time: time))
        {
            // One account is left with the demo password; the rest get new ones, or are disabled, which is as good.
            await RetireDemoAccountsAsync(demo, except: ["gx.duty"]);
        }

        // The silo stops itself once started, so what it said is kept outside it.
        var refusal = new StartRefusal();
        await using (var production = new CommandApp(store, time: time, environment: "Production", services: s => s.AddSingleton(refusal)))
        {
            production.CreateClient().Dispose();
            await Eventually.True(() => refusal.Current is not null, "the production start to refuse");
            Assert.Equal(StartRefusal.DemoPasswords, refusal.Current!.ExitCode);
            Assert.Contains("published demo password", refusal.Current.Message);
            Assert.Contains("which anyone can sign in with: gx.duty.", refusal.Current.Message);
            Assert.Contains("disable it", refusal.Current.Message);
        }

        await using (var demo = new CommandApp(store, time: time))
        {
            var admin = demo.WithToken(await demo.SignIn("admin", RetiredPassword("admin")));
            await CommandApp.Read<UserView>(await admin.PostAsync("/api/users/gx.duty/disable", null));
        }

        await using (var production = new CommandApp(store, time: time, environment: "Production"))
        {
            using var anonymous = production.CreateClient();
            Assert.Null(production.Services.GetRequiredService<StartRefusal>().Current);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
            await production.SignIn("lc.duty", RetiredPassword("lc.duty"));
            await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password }), HttpStatusCode.Unauthorized);

            // Enabled as it is, gx.duty would take the demo password again; it needs a new one first.
            var admin = production.WithToken(await production.SignIn("admin", RetiredPassword("admin")));
            var enable = await CommandApp.Problem(await admin.PostAsync("/api/users/gx.duty/enable", null), HttpStatusCode.Conflict);
            Assert.Contains("公开的演示密码", ChineseRefusal.Check(enable, null, "gx.duty"));
            await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password }), HttpStatusCode.Unauthorized);
            await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users/gx.duty/password", new { password = RetiredPassword("gx.duty") }));
            Assert.False((await CommandApp.Read<UserView>(await admin.PostAsync("/api/users/gx.duty/enable", null))).Disabled);
            await production.SignIn("gx.duty", RetiredPassword("gx.duty"));
        }
    }

    [Fact]
    public async Task ProcessStartedSilosHaveTheDemoAccountsAndAProductionStartExitsWithCode4NamingThem()
    {
        var data = Directory.CreateTempSubdirectory("command-demo-accounts-");
        try
        {
            await using (var silo = await SiloProcess.StartAsync(data.FullName))
            {
                using var signedIn = await silo.SignInAsync("gx.duty");
                Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("api/auth/me")).StatusCode);
                await Eventually.True(() => silo.Output.Contains("have the published demo password", StringComparison.Ordinal), "the warning in the log");
                Assert.Contains(string.Join(", ", demoAccounts), silo.Output);
            }

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(data.FullName,
                configuration: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, args: ["--no-demo"]));
            Assert.Contains("exited with code 4", refused.Message);
            Assert.Contains($"which anyone can sign in with: {string.Join(", ", demoAccounts)}.", refused.Message);
            Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", refused.Message);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string RetiredPassword(string username) => $"retired-{Array.IndexOf(demoAccounts, username)}-lantern-key";

    /// <summary>Every demo account but <paramref name="except"/> gets a new password from the administrator, or is
    /// disabled (sx.patrol); the administrator's own reset comes last, since it ends the administrator's sessions.</summary>
    private static async Task RetireDemoAccountsAsync(CommandApp app, string[] except)
    {
        var admin = app.Api("admin");
        foreach (string username in demoAccounts.Where(u => u != "admin" && !except.Contains(u)))
        {
            var answer = username == "sx.patrol"
                ? await admin.PostAsync($"/api/users/{username}/disable", null)
                : await admin.PostAsJsonAsync($"/api/users/{username}/password", new { password = RetiredPassword(username) });
            await CommandApp.Read<UserView>(answer);
        }
        if (!except.Contains("admin"))
        {
            await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users/admin/password", new { password = RetiredPassword("admin") }));
        }
    }
}
