using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>
/// A later issue serves the pages with a Content-Security-Policy that forbids inline script and style. The pages
/// are built for it already (external files only, text through text nodes, styles through the CSSOM); this puts
/// such a policy on the pages now and checks that they work and that the browser reports no violation.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    [Fact]
    public async Task PagesWorkUnderAPolicyThatForbidsInlineScriptAndStyle()
    {
        var team = await browser.Silo.Http.TakeAvailableTeamAsync();
        var incident = await browser.Silo.Http.CreateIncidentNearAsync(team, "策略测试");
        await browser.Silo.Http.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        // The policy is added by intercepting the page's response. Chromium then treats the page as not coming from the
        // loopback address and refuses its WebSocket to 127.0.0.1 (local network access checks), so those checks are
        // off in this browser: the hub must connect over a WebSocket under the policy, as it will in production.
        await using var policyBrowser = await browser.LaunchBrowserAsync("--disable-features=LocalNetworkAccessChecks");

        var console = await PageUnderPolicyAsync(policyBrowser, 1600, 900);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        await console.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(console.Locator("#detail-number")).ToHaveTextAsync(incident.Text("number"));
        await console.HoverAsync("#map");
        Assert.Empty(await console.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.True(await console.EvaluateAsync<bool>(PolicyInForce), "The policy was not applied to the console.");

        var phone = await PageUnderPolicyAsync(policyBrowser, 360, 740);
        await phone.GotoAsync(new Uri(browser.Silo.BaseAddress, $"patrol?team={team.Id()}").ToString());
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(phone.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        Assert.Empty(await phone.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.True(await phone.EvaluateAsync<bool>(PolicyInForce), "The policy was not applied to the patrol page.");

        var leader = await PageUnderPolicyAsync(policyBrowser, 1600, 900);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress);
        await Assertions.Expect(leader.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        await Assertions.Expect(leader.Locator("[data-figure='channel-110'] .figure-value")).Not.ToHaveTextAsync("0");
        Assert.Empty(await leader.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.True(await leader.EvaluateAsync<bool>(PolicyInForce), "The policy was not applied to the leaders' page.");
        Assert.Empty(webSocketErrors);
    }

    private readonly List<string> webSocketErrors = [];

    /// <summary>An inline script added to the page does not run: a probe that the policy really is on the page. Run it
    /// after reading the violations, since it causes one.</summary>
    private const string PolicyInForce =
        "() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.append(s); return window.__inlineRan !== true; }";

    private async Task<IPage> PageUnderPolicyAsync(IBrowser policyBrowser, int width, int height)
    {
        var context = await policyBrowser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
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
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        return page;
    }
}
