using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class BackupRequestTests(BrowserFixture browser)
{
    [Fact]
    public async Task PatrolLeaderAsksForBackupAndTheConsoleFlagsTheIncident()
    {
        // sx.patrol (周杰) leads 莘县's first team: only the team itself asks for backup.
        var team = await browser.Api.GetJsonAsync("api/teams/team-371522-01");
        var incident = await browser.Api.CreateIncidentNearAsync(team, "群众围堵，现场警力不足");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });
        var console = await browser.NewPageAsync();
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);

        var phone = await browser.NewPageAsync(360, 740, new BrowserNewContextOptions { IsMobile = true, HasTouch = true });
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "sx.patrol");
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await phone.ClickAsync("#action-backup");
        // The leader says how many and what kind; the request cannot be sent twice while the first is unanswered.
        await phone.SelectOptionAsync("#backup-teams", "2");
        await phone.SelectOptionAsync("#backup-kind", "vehicle");
        await phone.Locator("input[name='backup-need'][value='防暴']").CheckAsync();
        await phone.ScreenshotAsync("patrol-backup-dialog");
        await phone.ClickAsync("#backup-ok");
        await Assertions.Expect(phone.Locator("#patrol-message")).ToContainTextAsync("已请求增援");
        await Assertions.Expect(phone.Locator("#action-backup")).ToBeDisabledAsync();
        await Assertions.Expect(phone.Locator("#action-backup")).ToHaveTextAsync("已请求增援，等待增派");

        await Assertions.Expect(console.Locator(".backup-mark").First).ToBeVisibleAsync();
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        var asked = Assert.Single(timeline.EnumerateArray(), e => e.Text("kind") == "backupRequested" && e.GetProperty("data").Text("teamId") == team.Id()).GetProperty("data");
        Assert.Equal((2, "vehicle", "防暴"), (asked.GetProperty("teams").GetInt32(), asked.Text("kind"), asked.GetProperty("needs")[0].GetString()));
        await phone.ScreenshotAsync("patrol-backup", fullPage: true);
    }
}
