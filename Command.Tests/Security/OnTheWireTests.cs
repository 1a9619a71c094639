using Command.Tests.Security.HostileInput;
using Command.Tests.Support;

namespace Command.Tests.Security;

/// <summary>
/// What a real silo writes to its console and sends back, seen from a bare socket: a request cannot add lines to the
/// log or put a credential in it, and answers do not name the server software.
/// </summary>
public sealed class OnTheWireTests(VerboseSilo fixture) : IClassFixture<VerboseSilo>
{
    private static readonly TimeSpan timeout = TimeSpan.FromSeconds(30);

    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task ALineBreakInTheRequestPathCannotForgeALogLine()
    {
        string marker = Guid.NewGuid().ToString("N");
        // Unauthenticated: what anyone who reaches the port can send.
        string target = $"/api/{marker}%0d%0acrit:%20Command.Silo.Access.AuditTrail%5B0%5D%0d%0a%20%20%20%20%20%20forged-{marker}%0aalso%0dthis%09and%1b[2J";

        var answer = await new RawHttp(Silo.Port).SendAsync(new RawRequest("GET", target, [], null), timeout);

        Assert.InRange(answer.Status, 400, 499);
        await Eventually.True(() => Lines().Any(l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal)),
            "the request's log lines");
        var lines = Lines();
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("forged-", StringComparison.Ordinal) || l.TrimStart().StartsWith("also", StringComparison.Ordinal));
        // The whole path stays on its request's line, with the breaks written as \r and \n.
        var started = Assert.Single(lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal));
        Assert.Contains($@"{marker}\r\ncrit: Command.Silo.Access.AuditTrail[0]\r\n      forged-{marker}\nalso\rthis\tand\u001b[2J", started);
        Assert.DoesNotContain('\u001b', Silo.Output);
    }

    [Fact]
    public async Task ATokenSentToARealSiloNeverReachesItsConsole()
    {
        using var signedIn = await Silo.SignInAsync("gx.duty");
        string token = signedIn.DefaultRequestHeaders.Authorization!.Parameter!;
        var raw = new RawHttp(Silo.Port);

        // As a browser opens the hub: the token in the query. Without a WebSocket upgrade the hub refuses, after the
        // request was logged.
        await raw.SendAsync(new RawRequest("GET", "/hubs/command?access_token=" + token, [], null), timeout);
        await raw.SendAsync(new RawRequest("GET", "/api/auth/me?x=1&access_token=" + token, [new("Authorization", "Bearer " + token)], null), timeout);
        await raw.SendAsync(new RawRequest("GET", "/login?returnUrl=%2Fhubs%2Fcommand%3Faccess_token%3D" + token, [], null), timeout);

        await Eventually.True(() => Lines().Count(l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("access_token", StringComparison.Ordinal)) >= 3,
            "the three requests' log lines");
        Assert.Contains(Lines(), l => l.Contains("/hubs/command?access_token=[redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(token[..24], Silo.Output);
    }

    [Fact]
    public async Task AnswersDoNotNameTheServerSoftware()
    {
        var raw = new RawHttp(Silo.Port);
        foreach (string path in new[] { "/healthz", "/api/incidents", "/no/such/page", "/css/common.css" })
        {
            var answer = await raw.SendAsync(new RawRequest("GET", path, [], null), timeout);
            Assert.Null(answer.Header("Server"));
        }
    }

    private List<string> Lines() => [.. Silo.Output.Split('\n')];
}
