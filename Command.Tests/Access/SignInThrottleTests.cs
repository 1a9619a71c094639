using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Command.Abstractions.Access;
using Command.Silo.Access;
using Command.Silo.Demo;
using Command.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Tests.Access;

/// <summary>
/// What an attacker tried on the sign-in throttle of a default silo: oversized usernames to fill its memory, parallel
/// guesses to outrun it, a flood of new names to push real counts out, and wrong passwords to lock someone else out.
/// </summary>
public sealed partial class SignInThrottleTests
{
    private const string Attacker = "203.0.113.66";

    [Fact]
    public async Task LongUsernamesAreRefusedBeforeAnythingIsKept()
    {
        await using var app = new CommandApp();
        var admin = app.Api("admin");
        var throttle = app.Services.GetRequiredService<SignInThrottle>();
        using var attacker = app.From(Attacker);
        string huge = new('x', 250_000);

        for (int i = 0; i < 20; i++)
        {
            var problem = await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = huge + i, password = "guess" }), HttpStatusCode.BadRequest);
            Assert.Contains($"{Usernames.MaxLength}个字符", ChineseRefusal.Check(problem));
        }
        Assert.Equal(0, throttle.TrackedKeys);

        // The login form says so in Chinese, and does not send the name back.
        using var browser = app.From(Attacker, new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        string token = AntiforgeryField().Match(await (await browser.GetAsync("/login")).Content.ReadAsStringAsync()).Groups[1].Value;
        var form = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = huge, ["password"] = "guess", ["returnUrl"] = "/",
        }));
        string page = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("用户名过长", page);
        Assert.DoesNotContain(huge[..1000], page);
        Assert.Equal(0, throttle.TrackedKeys);

        // None of it counted against the address either.
        Assert.Equal(HttpStatusCode.OK, (await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
        var journal = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, "/api/audit?limit=5000"),
            entries => entries.Any(e => e.Kind == AuditKinds.SignIn && e.From == Attacker), "the attacker's sign-in in the audit journal");
        Assert.All(journal, e => Assert.True($"{e.Who} {e.What} {e.Detail}".Length < 500, $"An audit entry of {e.Detail?.Length} characters: {e.Kind}"));
        // Twenty-one refusals in a minute from one address: the first is written, the rest wait for the minute's summary.
        Assert.Contains("250001 characters", Assert.Single(journal, e => e.Kind == AuditKinds.Refused && e.From == Attacker).Detail);
    }

    [Fact]
    public async Task TheThrottleKeepsAtMostItsCapOfKeysAndSweepsExpiredOnesWithoutBeingAskedAgain()
    {
        await using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:SignInThrottleMaxKeys"] = "30" });
        var throttle = app.Services.GetRequiredService<SignInThrottle>();
        for (int i = 0; i < 60; i++)
        {
            using var client = app.From($"198.51.100.{i + 1}");
            await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = $"nobody-{i}", password = "guess" }), HttpStatusCode.Unauthorized);
            Assert.InRange(throttle.TrackedKeys, 1, 30);
        }

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.True(() => throttle.TrackedKeys == 0, "the expired keys to be swept");
    }

    [Fact]
    public async Task AFloodOfNewNamesDoesNotPushOutTheCountsThatLockAnAttackerOrProtectAnAccount()
    {
        await using var app = new CommandApp(configuration: new Dictionary<string, string?>
        {
            ["Access:SignInThrottleMaxKeys"] = "30",
            ["Access:SignInFailuresPerUsernamePerMinute"] = "5",
        });
        var throttle = app.Services.GetRequiredService<SignInThrottle>();
        using var attacker = app.From(Attacker);
        for (int i = 0; i < 10; i++)
        {
            await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = $"guess-{i}", password = "guess" }), HttpStatusCode.Unauthorized);
        }
        for (int i = 1; i <= 5; i++)
        {
            using var guesser = app.From($"192.0.2.{i}");
            await CommandApp.Problem(await guesser.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.Unauthorized);
        }

        for (int i = 0; i < 100; i++)
        {
            using var client = app.From($"198.51.100.{i + 1}");
            await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = $"nobody-{i}", password = "guess" }), HttpStatusCode.Unauthorized);
        }
        Assert.InRange(throttle.TrackedKeys, 1, 30);

        await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = DemoUsers.Password }), HttpStatusCode.TooManyRequests);
        using var firstGuesser = app.From("192.0.2.1");
        await CommandApp.Problem(await firstGuesser.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password }), HttpStatusCode.TooManyRequests);
        using var owner = app.From("192.0.2.200");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
    }

    [Fact]
    public async Task ParallelGuessesFromOneAddressGetNoMorePasswordChecksThanTheLimit()
    {
        // A check that takes a while, as in production, so that the guesses are all in flight together.
        await using var app = new CommandApp(configuration: new Dictionary<string, string?>
        {
            ["Access:PasswordIterations"] = "50000",
            ["Access:SignInAttemptsPerMinute"] = "100",
        });
        var admin = app.Api("admin");
        var answers = await Task.WhenAll(Enumerable.Range(1, 28).Select(async i =>
        {
            using var client = app.From(Attacker);
            var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = $"guess-{i}" });
            return response.StatusCode;
        }));

        Assert.Equal(10, answers.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(18, answers.Count(s => s == HttpStatusCode.TooManyRequests));
        var journal = await Settled(app, admin);
        Assert.Equal(10, journal.Count(e => e.Kind == AuditKinds.SignInFailed && e.From == Attacker));
    }

    [Fact]
    public async Task ASuccessfulSignInGivesItsAttemptBack()
    {
        await using var app = new CommandApp();
        using var client = app.From(Attacker);
        for (int i = 0; i < 9; i++)
        {
            await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = $"typo-{i}" }), HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
        await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "typo-9" }), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password }), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnAddressThatHasNotFailedSignsInWhileAnotherHammersTheAccount()
    {
        await using var app = new CommandApp();
        using var attacker = app.From(Attacker);
        for (int i = 0; i < 10; i++)
        {
            await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = $"guess-{i}" }), HttpStatusCode.Unauthorized);
        }
        await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password }), HttpStatusCode.TooManyRequests);

        using var owner = app.From("192.0.2.10");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
        // A slip of the owner's own is checked and answered as such, not refused unheard.
        await CommandApp.Problem(await owner.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "typo" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AUsernameGuessedFromManyAddressesIsRefusedAtTheAddressesThatGuessedWrong()
    {
        await using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:SignInFailuresPerUsernamePerMinute"] = "20" });
        for (int i = 1; i <= 20; i++)
        {
            using var guesser = app.From($"192.0.2.{i}");
            await CommandApp.Problem(await guesser.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = $"guess-{i}" }), HttpStatusCode.Unauthorized);
        }

        // Each guessing address gets no second check for it, even with the right password; other names it may still try.
        using var first = app.From("192.0.2.1");
        var refused = await first.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password });
        await CommandApp.Problem(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = DemoUsers.Password })).StatusCode);

        // A new address is heard once: the owner gets in, a new guesser gets one guess and is then refused too.
        using var owner = app.From("192.0.2.200");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
        using var late = app.From("192.0.2.201");
        await CommandApp.Problem(await late.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess-late" }), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await late.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess-later" }), HttpStatusCode.TooManyRequests);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = DemoUsers.Password })).StatusCode);
    }

    /// <summary>The audit journal once everything written before now has landed: a sign-in from an address of its own
    /// is written after it, and the writer keeps order.</summary>
    internal static async Task<List<AuditEntry>> Settled(CommandApp app, HttpClient admin)
    {
        string marker = $"192.0.2.{Random.Shared.Next(100, 199)}";
        using var client = app.From(marker);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { username = "lc.leader", password = DemoUsers.Password })).StatusCode);
        return await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, "/api/audit?limit=5000"),
            entries => entries.Any(e => e.Kind == AuditKinds.SignIn && e.From == marker), "the marker sign-in in the audit journal");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
