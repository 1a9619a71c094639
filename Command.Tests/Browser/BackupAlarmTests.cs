using System.Net.Http.Headers;
using System.Text.Json;
using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>
/// 请求增援 from the field is an alarm on the duty officer's console: it sounds (recorded in window.__commandAlarms)
/// and shows in the banner with the case's number until someone acknowledges it.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class BackupAlarmTests(BrowserFixture browser)
{
    private const string SoundedBackup =
        "id => (window.__commandAlarms ?? []).find(a => a.kind === 'backupRequested' && a.key.startsWith('backup:' + id + ':') && a.sounded) ?? null";

    [Fact]
    public async Task ATeamAskingForBackupSoundsAndShowsTheAlarmOnTheConsole()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "现场人员聚集，请求增援测试", address: "增援警报测试地址");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        var console = await browser.NewPageAsync(1366, 768);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        // Browsers let a page play sound only after the user has clicked or typed on it.
        await console.Mouse.ClickAsync(5, 5);

        // The team's own terminal asks, as a phone in the car would: a device token of that team.
        var issued = await browser.Api.PostJsonAsync($"api/teams/{team.Id()}/device-tokens", new { label = "增援测试终端" });
        using var device = new HttpClient { BaseAddress = browser.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Text("accessToken"));
        await device.PostJsonAsync($"api/teams/{team.Id()}/backup", new { note = "现场人多，需增派", teams = 2, kind = "vehicle" });

        var alarm = await console.WaitForFunctionAsync(SoundedBackup, incident.Id());
        var record = await alarm.JsonValueAsync<JsonElement>();
        Assert.False(record.GetProperty("muted").GetBoolean());
        Assert.Contains(incident.Text("number"), record.GetProperty("text").GetString());

        var banner = console.Locator("#alarm-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("请求增援");
        await Assertions.Expect(banner).ToContainTextAsync(incident.Text("number"));
        await console.ScreenshotAsync("alarm-backup-1366");
    }
}
