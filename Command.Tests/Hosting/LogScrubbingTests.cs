using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Command.Tests.Hosting;

/// <summary>
/// No credential and no line break from a request reaches a logging provider, whatever the levels: the host's logger
/// factory scrubs every message, value, scope and exception before the providers (a capturing one stands beside the
/// console here) see it.
/// </summary>
public sealed class LogScrubbingTests
{
    /// <summary>As verbose as an operator chasing a problem might make it.</summary>
    private static readonly Dictionary<string, string?> verbose = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Orleans"] = "Warning",
    };

    [Fact]
    public async Task AHubTokenInTheQueryNeverReachesTheLog()
    {
        var logs = new CapturedLogs();
        await using var app = new CommandApp(configuration: verbose, logs: logs);
        string token = await app.SignIn("gx.duty");

        await using (var hub = await HubClient.ConnectWithQueryTokenAsync(app, token))
        {
            // Signed in by the query's token: the hub answers its own county.
            Assert.True((await hub.InvokeAsync("Watch", "371525")).TryGetProperty("result", out _));
        }
        using (var api = app.WithToken(token))
        {
            (await api.GetAsync("/api/auth/me?access_token=" + token)).EnsureSuccessStatusCode();
        }

        // The hub's request was logged, query and all: only the token is gone from it.
        var started = await Eventually.Get(() => Task.FromResult(logs.Entries.FirstOrDefault(e => e.Message.Contains("Request starting", StringComparison.Ordinal)
            && e.Message.Contains("/hubs/command", StringComparison.Ordinal))), e => e is not null, "the hub request's log line");
        Assert.Contains("/hubs/command?access_token=[redacted]", started!.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Message.Contains("/api/auth/me?access_token=[redacted]", StringComparison.Ordinal));
        AssertNowhere(logs, token[..24], "the bearer token");
    }

    [Fact]
    public async Task SecretsAndLineBreaksAnywhereInAnEventAreScrubbed()
    {
        var logs = new CapturedLogs();
        await using var app = new CommandApp(configuration: verbose, logs: logs);
        string token = await app.SignIn("gx.duty");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Command.Tests.Anything");
        const string password = "demo-2026";

        using (logger.BeginScope("Scope for {Path}", "/api/x\r\ncrit: forged scope"))
        using (logger.BeginScope(new Dictionary<string, object?> { ["Cookie"] = "command.session=" + token }))
        {
            logger.LogInformation("Header {Header}", "Authorization: Bearer " + token);
            logger.LogInformation("Body {Body}", $"{{\"username\":\"gx.duty\",\"password\":\"{password}\",\"newPassword\":\"x{password}\"}}");
            logger.LogWarning("Form " + $"username=gx.duty&password={password}&returnUrl=%2F");
            logger.LogInformation("Answer {Answer}", new { tokenType = "Bearer", accessToken = token });
            logger.LogError(new FormatException($"The input 'x\r\ncrit: Command.Silo.Access.AuditTrail[0]' is not a number."), "Parse of {Value} failed", "a\nb\u2028c\u001b[31m");
        }

        var ours = logs.Entries.Where(e => e.Category == "Command.Tests.Anything").ToList();
        Assert.Equal(5, ours.Count);
        AssertNowhere(logs, token[..24], "the bearer token");
        AssertNowhere(logs, password, "the password");
        Assert.All(ours.SelectMany(e => e.Texts), text => Assert.False(text.Any(c => char.IsControl(c) && c != '\n' || c == '\u2028'), $"A control character is left in: {text}"));
        Assert.All(ours.SelectMany(e => e.Values.Concat(e.Scopes).Append(e.Message)), text => Assert.DoesNotContain('\n', text));
        Assert.Contains(ours, e => e.Message == "Header Authorization: [redacted]");
        Assert.Contains(ours, e => e.Message == "Form username=gx.duty&password=[redacted]&returnUrl=%2F");
        var failed = Assert.Single(ours, e => e.Level == LogLevel.Error);
        Assert.Equal(@"Parse of a\nb\u2028c\u001b[31m failed", failed.Message);
        Assert.Contains(@"The input 'x\r\ncrit: Command.Silo.Access.AuditTrail[0]' is not a number.", failed.Exception);
        Assert.Contains(failed.Scopes, s => s == @"Scope for /api/x\r\ncrit: forged scope");
    }

    private static void AssertNowhere(CapturedLogs logs, string secret, string what)
    {
        var leaks = logs.Entries.Where(e => e.Texts.Any(t => t.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"{what} reached the log in {leaks.Count} events, e.g. {leaks.FirstOrDefault()}");
        Assert.NotEmpty(logs.Entries);
    }
}
