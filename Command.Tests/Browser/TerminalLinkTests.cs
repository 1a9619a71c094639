using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>A patrol terminal's phone opens its team's page from the link it was given, with no one signing in.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class TerminalLinkTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheTerminalLinkOpensTheTeamsPageWithoutTheTokenInTheAddressAndReportsDeparture()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var issued = await browser.Api.PostJsonAsync($"api/teams/{team.Id()}/device-tokens", new { label = "浏览器测试终端" });
        string token = issued.Text("accessToken");
        var phone = await browser.NewPageAsync(360, 740, new BrowserNewContextOptions { IsMobile = true, HasTouch = true });

        await phone.GotoAsync(new Uri(browser.Silo.BaseAddress, "terminal").AbsoluteUri + "#token=" + Uri.EscapeDataString(token));

        // The address is what this checks, not a navigation or load event, which a loaded machine has held back past a
        // minute in CI while the page was already at /patrol: poll what the page says its address is, generously.
        // Should it never move on, say what the landing page showed.
        try
        {
            await Eventually.Get(async () =>
            {
                try
                {
                    return await phone.EvaluateAsync<string>("() => location.pathname");
                }
                catch (PlaywrightException)
                {
                    return ""; // the landing page's context went away mid-navigation: ask the next one
                }
            }, path => path == "/patrol", "the terminal link to move on to /patrol", TimeSpan.FromSeconds(120));
        }
        catch (Xunit.Sdk.XunitException)
        {
            string shown = await phone.EvaluateAsync<string>("() => location.pathname + ': ' + (document.getElementById('terminal-message')?.textContent ?? '')");
            throw new TimeoutException($"The terminal link did not move on to /patrol; the page is at {shown} (Playwright's address: {phone.Url})");
        }
        Assert.DoesNotContain(token, phone.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("token", phone.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(phone.Locator("#team-callsign")).ToHaveTextAsync(team.Text("callsign"));
        await Assertions.Expect(phone.Locator("#user-role")).ToHaveTextAsync("巡防终端");
        await Assertions.Expect(phone.Locator("#team-picker")).ToBeHiddenAsync();
        await phone.WaitForFunctionAsync("() => window.__patrol && window.__patrol.connectionState() === 'connected'");
        // The landing page is not left in the history with the token in it either.
        Assert.DoesNotContain(token, await phone.EvaluateAsync<string>("() => document.referrer + ' ' + history.state"), StringComparison.Ordinal);

        // The team is sent: the terminal hears it live and reports 出发 as the team.
        var incident = await browser.Api.CreateIncidentNearAsync(team, "终端链接测试：门店门口有人争吵", "dispute");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await phone.Locator("#action-enroute").TapAsync();
        await Assertions.Expect(phone.Locator("#team-status")).ToContainTextAsync("出警途中");
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.Text("kind") == "teamStatus" && e.GetProperty("data").Text("status") == "enRoute"
            && e.GetRawText().Contains("巡防终端", StringComparison.Ordinal));
        await phone.ScreenshotAsync("terminal-link-patrol", fullPage: true);

        // Another role's page takes the terminal back to its own.
        await phone.GotoAsync(new Uri(browser.Silo.BaseAddress, "leader").AbsoluteUri);
        await phone.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/patrol");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "测试结束", confirmNoArrival = true, noArrivalReason = "测试结束，未到场" });
    }

    [Fact]
    public async Task ABrokenTerminalLinkSaysInChineseWhatToDo()
    {
        var phone = await browser.NewPageAsync(360, 740, new BrowserNewContextOptions { IsMobile = true, HasTouch = true });
        await phone.GotoAsync(new Uri(browser.Silo.BaseAddress, "terminal").AbsoluteUri + "#token=expired-or-made-up");
        await Assertions.Expect(phone.Locator("#terminal-message")).ToContainTextAsync("重新领取终端链接");
        Assert.EndsWith("/terminal", phone.Url, StringComparison.Ordinal);
        await phone.ScreenshotAsync("terminal-link-refused");
    }
}
