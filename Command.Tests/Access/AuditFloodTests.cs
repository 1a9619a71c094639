using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Access;
using Command.Silo.Demo;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// Refusals that anyone can repeat without signing in do not fill the audit journal: per address and kind, the first
/// in a minute is written and the rest are summarised in one entry when the minute ends, or when the silo stops.
/// </summary>
public sealed class AuditFloodTests
{
    private const string Attacker = "203.0.113.77";

    /// <summary>One wrong password is enough to be throttled, so the flood costs no password checks.</summary>
    private static Dictionary<string, string?> OneFailureThrottles(params (string Key, string Value)[] more)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Access:SignInFailuresPerMinute"] = "1",
            ["Access:SignInAttemptsPerMinute"] = "100",
        };
        foreach (var (key, value) in more)
        {
            configuration[key] = value;
        }
        return configuration;
    }

    [Fact]
    public async Task ThrottledSignInsFromOneAddressAreJournaledOncePerMinuteAndThenSummarised()
    {
        await using var app = new CommandApp(configuration: OneFailureThrottles());
        var admin = app.Api("admin");
        using var attacker = app.From(Attacker);
        await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.Unauthorized);
        // 99 refused by the sign-in throttle, then 100 by the rate limiter: both are throttled sign-ins.
        for (int i = 0; i < 199; i++)
        {
            await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = i % 2 == 0 ? "gx.duty" : "sx.duty", password = "guess" }),
                HttpStatusCode.TooManyRequests);
        }

        var journal = await SignInThrottleTests.Settled(app, admin);
        var first = Assert.Single(journal, e => e.Kind == AuditKinds.SignInThrottled && e.From == Attacker);
        Assert.Equal(("gx.duty", "POST /api/auth/token"), (first.Who, first.What));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var throttled = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInThrottled}"),
            entries => entries.Count(e => e.From == Attacker) == 2, "the minute's summary");
        var summary = throttled.First(e => e.From == Attacker);
        Assert.StartsWith("198 more signInThrottled from 203.0.113.77", summary.Detail);
        Assert.Contains("sx.duty, gx.duty, anonymous", summary.Detail);
        Assert.Equal(("(several)", "POST /api/auth/token"), (summary.Who, summary.What));

        // The next minute starts afresh: its first refusal is written again. (The rate limiter's window runs on the real
        // clock, so it still refuses this address: a throttled sign-in all the same.)
        await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.TooManyRequests);
        await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInThrottled}"),
            entries => entries.Count(e => e.From == Attacker) == 3, "the next minute's first throttled sign-in");
    }

    [Fact]
    public async Task AReplayedRevokedTokenIsJournaledOncePerMinuteAndThenSummarised()
    {
        await using var app = new CommandApp();
        var admin = app.Api("admin");
        var issued = await app.IssueTerminal(OwnTeam);
        await CommandApp.Read<Credential>(await admin.PostAsync($"/api/credentials/{issued.TokenId}/revoke", null));
        using var replay = app.From(Attacker);
        replay.DefaultRequestHeaders.Authorization = new("Bearer", issued.AccessToken);
        for (int i = 0; i < 50; i++)
        {
            await CommandApp.Problem(await replay.GetAsync("/api/teams"), HttpStatusCode.Unauthorized);
        }

        var journal = await SignInThrottleTests.Settled(app, admin);
        Assert.Contains("revoked", Assert.Single(journal, e => e.Kind == AuditKinds.TokenRefused && e.From == Attacker).Detail);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var refused = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.TokenRefused}"),
            entries => entries.Count(e => e.From == Attacker) == 2, "the minute's summary");
        var summary = refused.First(e => e.From == Attacker);
        Assert.StartsWith("49 more tokenRefused from 203.0.113.77", summary.Detail);
        // One terminal's token throughout: the summary still says whose.
        Assert.Equal(("device:" + OwnTeam, GuanxianId, "GET /api/teams"), (summary.Who, summary.JurisdictionId, summary.What));
    }

    [Fact]
    public async Task BeyondTheTrackedAddressesRefusalsAreCountedTogetherAndNoneIsLost()
    {
        await using var app = new CommandApp(configuration: OneFailureThrottles(("Access:AuditRepeatSources", "3")));
        var admin = app.Api("admin");
        for (int i = 1; i <= 10; i++)
        {
            using var client = app.From($"198.51.100.{i}");
            await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.Unauthorized);
            for (int attempt = 0; attempt < 3; attempt++)
            {
                await CommandApp.Problem(await client.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.TooManyRequests);
            }
        }

        // Three addresses tracked, and one shared count for the seven others, whose first refusal is written.
        var during = (await SignInThrottleTests.Settled(app, admin)).Where(e => e.Kind == AuditKinds.SignInThrottled).ToList();
        Assert.Equal(["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"], during.Select(e => e.From).Order());

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInThrottled}"),
            entries => entries.Count == 8, "the summaries of the three addresses and of the others");
        Assert.Equal(20, Summarised(after.Single(e => e.From == "(other addresses)")));
        // Every one of the thirty refusals is accounted for: written, or counted in a summary.
        Assert.Equal(30, after.Sum(e => e.Detail!.Contains("summarised", StringComparison.Ordinal) ? Summarised(e) : 1));
    }

    [Fact]
    public async Task TheRunningMinutesSummaryIsWrittenWhenTheSiloStops()
    {
        var store = new Silo.Storage.MemoryStore();
        await using (var app = new CommandApp(store, configuration: OneFailureThrottles()))
        {
            using var attacker = app.From(Attacker);
            await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.Unauthorized);
            for (int i = 0; i < 5; i++)
            {
                await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess" }), HttpStatusCode.TooManyRequests);
            }
        }

        await using var restarted = new CommandApp(store);
        var throttled = await CommandApp.Get<List<AuditEntry>>(restarted.Api("admin"), $"/api/audit?kind={AuditKinds.SignInThrottled}");
        Assert.Equal(2, throttled.Count);
        Assert.StartsWith("4 more signInThrottled from 203.0.113.77", throttled[0].Detail);
    }

    /// <summary>The N of an "N more …" summary.</summary>
    private static int Summarised(AuditEntry summary)
    {
        string detail = summary.Detail!;
        return int.Parse(detail[..detail.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }
}
