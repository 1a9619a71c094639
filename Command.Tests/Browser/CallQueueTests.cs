using System.Text.Json;
using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>
/// The duty officer's list is a call queue: calls nobody has been sent to come first, the most severe and the longest
/// waiting on top, and a call past its dispatch deadline is marked 派警超时 with its waiting time, in the list and on
/// the map. A silo of its own, with a short deadline for IV (一般) calls and a long one for II.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class CallQueueTests(BrowserFixture browser)
{
    [Fact]
    public async Task WaitingCallsComeFirstBySeverityThenWaitAndOverdueOnesAreMarked()
    {
        await using var silo = await SiloProcess.StartAsync(configuration: new Dictionary<string, string>
        {
            ["Dispatch__DispatchDeadlineMinutes__4"] = "0.1",
            ["Dispatch__DispatchDeadlineMinutes__2"] = "60",
            ["Dispatch__DispatchDeadlineMinutes__1"] = "60",
        });
        try
        {
            using var http = await silo.SignInAsync("lc.duty");
            var team = await http.TakeAvailableTeamAsync();
            var position = team.GetProperty("position");
            async Task<JsonElement> Call(int severity, string description) => await http.PostJsonAsync("api/incidents", new
            {
                channel = 110,
                type = "publicOrder",
                severity,
                lon = Math.Round(position.GetProperty("lon").GetDouble() + 0.002, 6),
                lat = Math.Round(position.GetProperty("lat").GetDouble() + 0.0015, 6),
                address = "测试地址",
                description,
            });

            // The console is open before the calls come in, as on a shift: what it finds on opening does not alarm.
            var page = await browser.NewPageAsync();
            await page.OpenConsoleAsync(silo.BaseAddress);
            var dispatched = await Call(1, "已派警的特别重大警情");
            await http.PostJsonAsync($"api/incidents/{dispatched.Id()}/assignments", new { teamId = team.Id() });
            var olderMinor = await Call(4, "先来的一般警情");
            await Task.Delay(50);
            var serious = await Call(2, "重大警情");
            await Task.Delay(50);
            var newerMinor = await Call(4, "后来的一般警情");

            // II before IV; of the two IV calls the one waiting longer; the dispatched I call after every waiting one.
            string[] expected = [serious.Id(), olderMinor.Id(), newerMinor.Id(), dispatched.Id()];
            await page.WaitForFunctionAsync(
                "ids => JSON.stringify([...document.querySelectorAll('#incident-list tbody tr')].map(r => r.dataset.id)) === JSON.stringify(ids)",
                expected);

            // Six seconds on, the IV calls are past their deadline: 派警超时 with the time waited, ticking.
            var overdue = page.Locator($"#incident-list tr[data-id='{olderMinor.Id()}'] .overdue-mark");
            await Assertions.Expect(overdue).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(overdue).ToContainTextAsync("派警超时 已等");
            await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{olderMinor.Id()}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\boverdue\\b"));
            await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{serious.Id()}'] .overdue-mark")).ToHaveCountAsync(0);
            string first = await overdue.InnerTextAsync();
            await page.WaitForFunctionAsync(
                "([id, first]) => document.querySelector(`#incident-list tr[data-id='${id}'] .overdue-mark`)?.innerText !== first",
                new object[] { olderMinor.Id(), first });
            var label = await page.EvaluateAsync<string?>("id => window.__command.incidentOverdueLabel(id)", olderMinor.Id());
            Assert.StartsWith("派警超时", label);
            Assert.Null(await page.EvaluateAsync<string?>("id => window.__command.incidentOverdueLabel(id)", serious.Id()));

            // The alarm for it sounded once the deadline passed (the page had seen the calls already).
            await page.WaitForFunctionAsync("id => (window.__commandAlarms ?? []).some(a => a.kind === 'dispatchOverdue' && a.key === `overdue:${id}`)", olderMinor.Id());
            await page.ScreenshotAsync("call-queue");

            // Sending a team takes the call out of the waiting part of the queue and clears its mark.
            await http.PostJsonAsync($"api/incidents/{olderMinor.Id()}/assignments", new { teamId = (await http.TakeAvailableTeamAsync()).Id() });
            await Assertions.Expect(overdue).ToHaveCountAsync(0);
            await page.WaitForFunctionAsync(
                "ids => JSON.stringify([...document.querySelectorAll('#incident-list tbody tr')].map(r => r.dataset.id)) === JSON.stringify(ids)",
                // then the rest, newest first
                new[] { serious.Id(), newerMinor.Id(), olderMinor.Id(), dispatched.Id() });

            var small = await browser.NewPageAsync(1366, 768);
            await small.OpenConsoleAsync(silo.BaseAddress);
            await Assertions.Expect(small.Locator($"#incident-list tr[data-id='{newerMinor.Id()}'] .overdue-mark")).ToBeVisibleAsync();
            await small.ScreenshotAsync("call-queue-1366");
        }
        finally
        {
            await silo.StopAsync();
            BrowserFixture.TryDelete(silo.DataDirectory);
        }
    }
}
