using System.Net;
using Xunit.Abstractions;
using Command.Tests.Support;

namespace Command.Tests.Security.HostileInput;

/// <summary>
/// The hostile-input corpus (corpus.json beside this file) against a real silo on SQLite with the demo city: every
/// request answers 4xx as problem+json with a detail, never 5xx and never a hang; the few that are legitimately accepted
/// store what they were given verbatim; afterwards nothing else has changed, /healthz answers 200, the process lives and
/// it logged no failure.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int MinimumCorpus = 200;

    [Fact]
    public async Task EveryHostileRequestIsRefusedWithProblemDetailsAndChangesNothing()
    {
        var corpus = HostileCorpus.Load().Where(c => c.Category != "expired-token").ToList();
        await using var silo = await StartAsync();
        var run = new CorpusRun(silo);
        await run.PrepareAsync();
        var before = await run.SnapshotAsync();

        foreach (var entry in corpus)
        {
            await run.PlayAsync(entry);
        }
        // Last, because it shuts sign-in for this address for a minute.
        await run.SignInFloodIsThrottledAsync();

        run.CompareState(before, await run.SnapshotAsync());
        await run.CheckServerIsWellAsync();
        Report(run);
        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of the corpus's answers fall short:\n{string.Join("\n", run.Failures)}");
    }

    [Fact]
    public async Task ExpiredTokensAreRefusedWithProblemDetails()
    {
        var corpus = HostileCorpus.Load().Where(c => c.Category == "expired-token").ToList();
        Assert.NotEmpty(corpus);
        await using var silo = await StartAsync(new Dictionary<string, string> { ["Access__TokenLifetime"] = "00:00:03" });
        var run = new CorpusRun(silo);
        var (token, expiresAt) = await run.SignInAsync("lc.duty");
        using (var fresh = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me"))
        {
            fresh.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.SendAsync(fresh)).StatusCode);
        }
        run.UseToken("expired", token);
        run.Set("expiredToken", token);
        Assert.True(expiresAt - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(10), $"The token lives until {expiresAt:O}; Access__TokenLifetime was not applied.");

        var wait = expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        foreach (var entry in corpus)
        {
            await run.PlayAsync(entry);
        }

        await run.CheckServerIsWellAsync();
        Report(run);
        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} answers to expired tokens fall short:\n{string.Join("\n", run.Failures)}");
    }

    [Fact]
    public void TheCorpusHasAtLeastTwoHundredRequestsInEveryRequiredCategory()
    {
        var corpus = HostileCorpus.Load();
        var byCategory = corpus.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (category, count) in byCategory.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{category,-16} {count,4}");
        }
        output.WriteLine($"{"total",-16} {corpus.Count,4}");

        Assert.True(corpus.Count >= MinimumCorpus, $"The corpus has {corpus.Count} requests; the issue asks for at least {MinimumCorpus}.");
        foreach (string category in new[] { "type-confusion", "nesting", "numbers", "nan-infinity", "encoding", "size", "content-type", "path", "sql-script",
                     "token", "expired-token", "anonymous", "query", "accepted" })
        {
            Assert.True(byCategory.ContainsKey(category), $"The corpus has no {category} case.");
        }
        // Accepted cases are the exception: each must say how its stored value is proved verbatim, and stay few.
        Assert.All(corpus.Where(c => c.Accepted is not null), c => Assert.True(c.Accepted!.Check is not null || c.Accepted.BodyEquals is not null, $"{c.Id} proves nothing."));
        Assert.True(corpus.Count(c => c.Accepted is not null) <= 12, "Accepted cases should stay few and explicit.");
        Assert.All(corpus.Where(c => c.Accepted is null), c => Assert.All(c.ExpectedStatuses, s => Assert.InRange(s, 400, 499)));
    }

    /// <summary>A fresh silo over a new SQLite folder (the defaults: demo city on), removed again when disposed.</summary>
    private static async Task<DisposableSilo> StartAsync(IReadOnlyDictionary<string, string>? configuration = null) =>
        new(await SiloProcess.StartAsync(configuration: configuration));

    private sealed class DisposableSilo(SiloProcess silo) : IAsyncDisposable
    {
        public SiloProcess Silo { get; } = silo;

        public HttpClient Http => Silo.Http;

        public static implicit operator SiloProcess(DisposableSilo owner) => owner.Silo;

        public async ValueTask DisposeAsync()
        {
            await Silo.DisposeAsync();
            Browser.BrowserFixture.TryDelete(Silo.DataDirectory);
        }
    }

    private void Report(CorpusRun run)
    {
        foreach (var (category, count) in run.Played.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{category,-16} {count,4}");
        }
        output.WriteLine($"{"total",-16} {run.Played.Values.Sum(),4}; {run.Failures.Count} shortfalls");
        foreach (string failure in run.Failures)
        {
            output.WriteLine(failure);
        }
    }
}
