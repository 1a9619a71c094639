using Microsoft.Playwright;

using Command.Silo.Access;

namespace Command.Tests.Browser;

/// <summary>
/// The silo sends a Content-Security-Policy that forbids inline script and style with every answer, the pages and the
/// sign-in form included. The pages are built for it (external files only, text through text nodes, styles through
/// the CSSOM); this opens each of them, signed in as its user, checks that the document came with the server's own
/// policy, that the page works, and that the browser reported no violation. Nothing is intercepted or added.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private static readonly string Policy = SecurityHeaders.PolicyFor(null);

    [Fact]
    public async Task EveryPageCarriesTheServersPolicyAndWorksWithoutAViolation()
    {
        Assert.Contains("script-src 'self';", Policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Policy, StringComparison.Ordinal);
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "策略测试");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        var (console, consoleDocuments) = await WatchedPageAsync(1600, 900);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        await console.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(console.Locator("#detail-number")).ToHaveTextAsync(incident.Text("number"));
        await console.HoverAsync("#map");
        await AssertCleanAsync(console, consoleDocuments, "/", "the console");

        var (phone, phoneDocuments) = await WatchedPageAsync(360, 740);
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "lc.duty", team.Id());
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(phone.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        await AssertCleanAsync(phone, phoneDocuments, "/patrol", "the patrol page");

        var (leader, leaderDocuments) = await WatchedPageAsync(1600, 900);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress);
        await Assertions.Expect(leader.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        await Assertions.Expect(leader.Locator("[data-figure='channel-110'] .figure-value")).Not.ToHaveTextAsync("0");
        await AssertCleanAsync(leader, leaderDocuments, "/leader", "the leaders' page");

        var (admin, adminDocuments) = await WatchedPageAsync(1600, 900);
        await admin.OpenAdminAsync(browser.Silo.BaseAddress);
        await Assertions.Expect(admin.Locator("#user-table tr[data-username='lc.duty']")).ToBeVisibleAsync();
        await AssertCleanAsync(admin, adminDocuments, "/admin", "the administrators' page");

        // ECharts draws on a canvas and its tooltips are drawn there too: hovering a bar must not bring in markup.
        var (stats, statsDocuments) = await WatchedPageAsync(1600, 900);
        await stats.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "stats"), "lc.leader");
        await stats.WaitForFunctionAsync("() => window.__stats && window.__stats.ready()");
        await stats.HoverAsync("#chart-hour canvas");
        await stats.HoverAsync("#chart-channel canvas");
        await AssertCleanAsync(stats, statsDocuments, "/stats", "the statistics page");

        var (replay, replayDocuments) = await WatchedPageAsync(1600, 900);
        await replay.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, $"replay?incident={incident.Id()}"), "lc.duty");
        await replay.WaitForFunctionAsync("() => window.__replay && window.__replay.loaded");
        await AssertCleanAsync(replay, replayDocuments, "/replay", "the replay page");

        var (disputes, disputeDocuments) = await WatchedPageAsync(1600, 900);
        await disputes.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "disputes"), "gx.duty");
        await Assertions.Expect(disputes.Locator("#rates-table")).ToBeVisibleAsync();
        await AssertCleanAsync(disputes, disputeDocuments, "/disputes", "the dispute ledger");

        var (department, departmentDocuments) = await WatchedPageAsync(390, 844);
        await department.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "department"), "gx.fire");
        await Assertions.Expect(department.Locator("#department-name")).ToHaveTextAsync("冠县消防救援大队");
        await AssertCleanAsync(department, departmentDocuments, "/department", "the departments' page");

        Assert.Empty(webSocketErrors);
    }

    private readonly List<string> webSocketErrors = [];

    /// <summary>An inline script added to the page does not run: a probe that the policy really is on the page. Run it
    /// after reading the violations, since it causes one.</summary>
    private const string PolicyInForce =
        "() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.append(s); return window.__inlineRan !== true; }";

    /// <summary>Both the sign-in form that answered first (401) and the page after signing in (200) came with the
    /// server's policy; the page reported no violation, and an inline script does not run in it.</summary>
    private static async Task AssertCleanAsync(IPage page, List<(string Path, int Status, string? Policy)> documents, string path, string name)
    {
        Assert.Contains(documents, d => d.Path == path && d.Status == 401 && d.Policy == Policy);
        Assert.Contains(documents, d => d.Path == path && d.Status == 200 && d.Policy == Policy);
        Assert.All(documents, d => Assert.Equal(Policy, d.Policy));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.True(await page.EvaluateAsync<bool>(PolicyInForce), $"The policy is not in force on {name}.");
    }

    /// <summary>A page in a fresh context that records every document it receives (path, status, policy header) and every
    /// policy violation the browser reports.</summary>
    private async Task<(IPage Page, List<(string Path, int Status, string? Policy)> Documents)> WatchedPageAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        var documents = new List<(string Path, int Status, string? Policy)>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document")
            {
                response.Headers.TryGetValue("content-security-policy", out string? policy);
                lock (documents)
                {
                    documents.Add((new Uri(response.Url).AbsolutePath, response.Status, policy));
                }
            }
        };
        page.Console += (_, message) =>
        {
            // SignalR logs a transport it could not start; under this policy that would be a refused WebSocket.
            if (message.Text.Contains("WebSocket", StringComparison.Ordinal))
            {
                webSocketErrors.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        return (page, documents);
    }
}
