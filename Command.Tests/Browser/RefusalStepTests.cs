using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>
/// A refusal on the console says in Chinese what happened and offers the step that gets past it: a 4th team on a mass
/// incident needs the 慎用警力 approval, and the panel's 申请审批 beside the refusal requests it in one click.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class RefusalStepTests(BrowserFixture browser)
{
    [Fact]
    public async Task AFourthTeamOnAMassIncidentShowsNeedsApprovalAndOneClickRequestsIt()
    {
        var incident = await browser.Api.CreateIncidentWithFreeTeamsAsync(4, "村民聚集在村委会门口，要求说明征地补偿", type: "massIncident", address: "村委会门口");
        string id = incident.Id();
        string number = incident.Text("number");
        var recommended = (await browser.Api.GetJsonAsync($"api/incidents/{id}/recommendations?limit=8")).EnumerateArray().ToList();
        Assert.True(recommended.Count >= 4, "Not enough free teams near the incident.");
        foreach (var r in recommended.Take(3))
        {
            await browser.Api.PostJsonAsync($"api/incidents/{id}/assignments", new { teamId = r.Text("teamId") });
        }
        try
        {
            var page = await browser.NewPageAsync(1366, 768);
            await page.OpenConsoleAsync(browser.Silo.BaseAddress);
            await page.ClickAsync($"#incident-list tr[data-id='{id}']");
            await Assertions.Expect(page.Locator("#detail-number")).ToHaveTextAsync(number);

            await page.Locator("#detail-recommendations button.dispatch").First.ClickAsync();
            var refusal = page.Locator(".panel-message.error");
            await Assertions.Expect(refusal).ToContainTextAsync("需审批");
            await Assertions.Expect(refusal).ToContainTextAsync(number);
            ChineseRefusal.Check((await refusal.InnerTextAsync()).Replace("申请审批", "", StringComparison.Ordinal), number,
                recommended.Select(r => r.Text("callsign")).ToArray());
            var request = refusal.Locator("button.request-approval-now");
            await Assertions.Expect(request).ToHaveTextAsync("申请审批");
            await page.ScreenshotAsync("console-refusal-needs-approval");

            await request.ClickAsync();
            await Assertions.Expect(page.Locator(".panel-message:not(.error)")).ToContainTextAsync("已申请审批，等待领导审批");
            await Assertions.Expect(page.Locator("#detail-gates tr[data-gate='policeForce'] .approval-state")).ToHaveTextAsync("待审批");
            var timeline = await browser.Api.GetJsonAsync($"api/incidents/{id}/timeline");
            var requested = Assert.Single(timeline.EnumerateArray(), e => e.Text("kind") == "approvalRequested");
            Assert.Equal("policeForce", requested.GetProperty("data").Text("gate"));
            Assert.Contains("须经领导批准", requested.GetProperty("data").Text("reason"));
            await Assertions.Expect(page.Locator("#detail-timeline")).ToContainTextAsync("申请审批");
            await page.ScreenshotAsync("console-refusal-approval-requested");

            // Dispatching again now says the request is waiting, and offers no second request.
            await page.Locator("#detail-recommendations button.dispatch").First.ClickAsync();
            await Assertions.Expect(page.Locator(".panel-message.error")).ToContainTextAsync("正在等待领导审批");
            await Assertions.Expect(page.Locator(".panel-message.error button.request-approval-now")).ToHaveCountAsync(0);
        }
        finally
        {
            // The shared silo's teams go back to the others' tests.
            await browser.Api.PostJsonAsync($"api/incidents/{id}/close", new { resolution = "测试结束，人员已劝离", confirmNoArrival = true, noArrivalReason = "测试用警情，无需出警" });
        }
    }
}
