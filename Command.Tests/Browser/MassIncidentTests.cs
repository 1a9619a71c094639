using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>
/// A mass incident through both desks: the duty officer's console at / and the leaders' monitor at /leader, on a silo
/// whose rules file gives the first team 90 seconds (both pages must open and show the countdown before it
/// falls due, on a busy machine too). Nobody arrives, the milestone breaches, the escalation reaches
/// /leader, a leader signs for it (签收), and the 慎用警力 gate stops a 4th team until a leader approves it on /leader.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class MassIncidentTests(BrowserFixture browser)
{
    [Fact]
    public async Task BreachEscalatesToTheLeaderWhoSignsAndApprovesAFourthTeam()
    {
        var rules = TestRules.Default();
        rules["milestones"] = new JsonArray(
            new JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = 1.5, ["metBy"] = "teamOnScene" },
            new JsonObject { ["name"] = "countyInformed", ["title"] = "电话报告县级", ["dueMinutes"] = 30, ["metBy"] = "report", ["reportKind"] = "countyInformed" },
            new JsonObject { ["name"] = "writtenReport", ["title"] = "24小时内书面报告", ["dueMinutes"] = 1440, ["metBy"] = "report", ["reportKind"] = "writtenReport" });
        rules["milestoneOverrides"] = new JsonArray();
        rules["dueWarningMinutes"] = 0.1;
        rules["escalation"]!["acknowledgeWithinMinutes"] = 10;
        string file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, rules.ToJsonString());
        // The scene needs four riot-equipped teams (three sent, a fourth refused); a county has fewer within the
        // hour that recommendations are capped at (Dispatch:MaxRecommendedEta), so this silo looks further.
        await using var silo = await SiloProcess.StartAsync(args: ["--rules", file],
            configuration: new Dictionary<string, string> { ["Dispatch__MaxRecommendedEta"] = "05:00:00" });
        try
        {
            using var http = await silo.SignInAsync("lc.duty");
            var team = await http.TakeAvailableTeamAsync();
            var incident = await http.CreateMassIncidentNearAsync(team, "厂区大门", "约五十名工人聚集讨薪，堵住厂门", crowdSize: 50);
            string id = incident.Id();
            string number = incident.Text("number");

            // The console: the incident's countdown in the panel and the ring on the map, from the real milestones.
            var console = await browser.NewPageAsync();
            await console.OpenConsoleAsync(silo.BaseAddress);
            await console.ClickAsync($"#incident-list tr[data-id='{id}']");
            await Assertions.Expect(console.Locator("#detail-number")).ToHaveTextAsync(number);
            var countdown = console.Locator(".milestones [data-name='firstTeamOnScene'] .due");
            await Assertions.Expect(countdown).ToContainTextAsync("剩余");
            var ring = await console.EvaluateAsync<JsonElement>("id => window.__command.incidentRing(id)", id);
            Assert.Equal("firstTeamOnScene", ring.GetProperty("name").GetString());
            Assert.False(ring.GetProperty("breached").GetBoolean());
            await Assertions.Expect(console.Locator("#detail-gates tr[data-gate='policeForce'] .approval-state")).ToHaveTextAsync("未申请");

            // The leaders' page: the golden window is running.
            var leader = await browser.NewPageAsync(1600, 1000);
            await leader.OpenLeaderAsync(silo.BaseAddress);
            await Assertions.Expect(leader.Locator($"#windows [data-incident='{id}'] [data-name='firstTeamOnScene'] .due")).ToContainTextAsync("剩余");

            // Three teams go (the most allowed without approval); nobody is on scene when the first milestone falls due.
            var recommended = (await http.GetJsonAsync($"api/incidents/{id}/recommendations?limit=8")).EnumerateArray().ToList();
            Assert.True(recommended.Count >= 5, "Not enough teams near the incident.");
            foreach (var r in recommended.Take(3))
            {
                await http.PostJsonAsync($"api/incidents/{id}/assignments", new { teamId = r.GetProperty("teamId").GetString() });
            }

            var row = leader.Locator($"#escalation-table tr[data-incident='{id}']");
            await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 180_000 });
            await Assertions.Expect(row).ToContainTextAsync(number);
            await Assertions.Expect(row).ToContainTextAsync("节点超时");
            await Assertions.Expect(leader.Locator($"#windows [data-incident='{id}'] [data-name='firstTeamOnScene']")).ToHaveAttributeAsync("data-state", "breached");
            await console.WaitForFunctionAsync("id => window.__command.incidentRing(id)?.breached === true", id);
            await Assertions.Expect(console.Locator("#detail-escalations li[data-state='open']")).ToHaveCountAsync(1);
            await Assertions.Expect(console.Locator($"#incident-list tr[data-id='{id}'] .escalated-mark")).ToBeVisibleAsync();

            // A 4th team is refused, and the officer sees the server's reason.
            await console.Locator("#detail-recommendations button.dispatch").First.ClickAsync();
            await Assertions.Expect(console.Locator(".panel-message.error")).ToContainTextAsync("需审批");
            await Assertions.Expect(console.Locator(".panel-message.error")).ToContainTextAsync("慎用警力");

            // The officer asks for 慎用警力; the request shows on /leader.
            await console.ClickAsync("#detail-gates tr[data-gate='policeForce'] .request-approval");
            await console.FillAsync("#approval-reason", "人群增多，需增派警力维持秩序");
            await console.ClickAsync("#approval-form button[type='submit']");
            await Assertions.Expect(console.Locator("#detail-gates tr[data-gate='policeForce'] .approval-state")).ToHaveTextAsync("待审批");
            var approval = leader.Locator($"#approvals [data-incident='{id}'][data-gate='policeForce']");
            await Assertions.Expect(approval).ToBeVisibleAsync();
            // No name to type: 签收 and approvals are signed by the leader signed in (lc.leader, 李强).
            await Assertions.Expect(leader.Locator("#leader-name")).ToHaveCountAsync(0);
            await Assertions.Expect(leader.Locator("#user-name")).ToHaveTextAsync("李强");
            await Assertions.Expect(leader.Locator("[data-figure='mass'] .figure-value")).Not.ToHaveTextAsync("0");
            await leader.ScreenshotAsync("leader-escalation-and-approval", fullPage: true);
            await console.Locator(".detail").EvaluateAsync("el => el.scrollTop = 0");
            await console.ScreenshotAsync("console-mass-incident-breached");

            // 签收: gone from the open list at once, and acknowledged on the console.
            await row.Locator("button.ack").ClickAsync();
            await Assertions.Expect(row).ToHaveCountAsync(0);
            await Assertions.Expect(console.Locator("#detail-escalations li[data-state='acknowledged']")).ToHaveCountAsync(1);
            await Assertions.Expect(console.Locator("#detail-escalations li[data-state='acknowledged']")).ToContainTextAsync("李强");
            await Assertions.Expect(console.Locator($"#incident-list tr[data-id='{id}'] .escalated-mark")).ToHaveCountAsync(0);
            var open = await http.GetJsonAsync("api/escalations?open=true");
            Assert.DoesNotContain(open.EnumerateArray(), e => e.GetProperty("incidentId").GetString() == id);

            // Approval on /leader; the card goes, and the console can now send the 4th team.
            await approval.Locator(".decision-reason").FillAsync("同意增派，注意宜疏不宜堵");
            await approval.Locator("button.approve").ClickAsync();
            await Assertions.Expect(approval).ToHaveCountAsync(0);
            await Assertions.Expect(console.Locator("#detail-gates tr[data-gate='policeForce'] .approval-state")).ToHaveTextAsync("已批准");
            await Assertions.Expect(console.Locator("#detail-gates tr[data-gate='policeForce']")).ToContainTextAsync("李强");
            await console.Locator("#detail-recommendations button.dispatch").First.ClickAsync();
            await Assertions.Expect(console.Locator("#detail-assignments tbody tr")).ToHaveCountAsync(4);
            var detail = await http.GetJsonAsync($"api/incidents/{id}");
            Assert.Equal(4, detail.GetProperty("assignments").GetArrayLength());
            await leader.ScreenshotAsync("leader-after-ack-and-approval", fullPage: true);
            await console.Locator(".detail").EvaluateAsync("el => el.scrollTop = 0");
            await console.ScreenshotAsync("console-mass-incident-fourth-team");
        }
        finally
        {
            await silo.StopAsync();
            BrowserFixture.TryDelete(silo.DataDirectory);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task OfficerUpgradesAnIncidentToAMassIncidentFromThePanel()
    {
        var http = browser.Api;
        var team = await http.TakeAvailableTeamAsync();
        var incident = await http.CreateIncidentNearAsync(team, "村民因征地补偿聚集", type: "dispute");
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await page.ClickAsync("#action-mass");
        await page.SelectOptionAsync("#mass-cause", "landAcquisition");
        await page.FillAsync("#crowd-size", "40");
        await page.ClickAsync("#mass-form button[type='submit']");
        await Assertions.Expect(page.Locator(".milestones [data-name='firstTeamOnScene'] .due")).ToContainTextAsync("剩余");
        await Assertions.Expect(page.Locator(".part-info")).ToContainTextAsync("征地拆迁");
        await Assertions.Expect(page.Locator("#detail-gates tbody tr")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("id => window.__command.incidentRing(id)?.name === 'firstTeamOnScene'", incident.Id());

        await page.ClickAsync("#action-crowd");
        await page.FillAsync("#crowd-size", "120");
        await page.ClickAsync("#crowd-form button[type='submit']");
        await Assertions.Expect(page.Locator(".part-info")).ToContainTextAsync("约 120 人");
        var detail = await http.GetJsonAsync($"api/incidents/{incident.Id()}");
        Assert.True(detail.GetProperty("isMassIncident").GetBoolean());
        Assert.Equal("landAcquisition", detail.GetProperty("massCause").GetString());
        Assert.Equal(120, detail.GetProperty("crowdSize").GetInt32());
    }

    [Fact]
    public async Task LeaderPageReconnectsAndShowsWhatHappenedWhileItWasCutOff()
    {
        string data = Directory.CreateTempSubdirectory("command-leader-restart-").FullName;
        try
        {
            int port;
            string id;
            var page = await browser.NewPageAsync();
            await using (var first = await SiloProcess.StartAsync(data))
            {
                port = first.Port;
                await page.OpenLeaderAsync(first.BaseAddress);
                await first.StopAsync();
            }
            await page.WaitForFunctionAsync("() => window.__leader.connectionState() === 'reconnecting'");
            await Assertions.Expect(page.Locator("#connection")).ToContainTextAsync("正在重连");

            await using (var meanwhile = await SiloProcess.StartAsync(data))
            {
                using var http = await meanwhile.SignInAsync("lc.duty");
                var team = await http.TakeAvailableTeamAsync();
                var position = team.GetProperty("position");
                var incident = await http.PostJsonAsync("api/incidents", new
                {
                    channel = 110, type = "massIncident", severity = 2, crowdSize = 80,
                    lon = position.GetProperty("lon").GetDouble(), lat = position.GetProperty("lat").GetDouble(),
                    description = "断线期间发生的群体性事件",
                });
                id = incident.Id();
                await meanwhile.StopAsync();
            }

            await using var again = await SiloProcess.StartAsync(data, port);
            await page.WaitForFunctionAsync("() => window.__leader.connectionState() === 'connected'", null, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("实时连接正常");
            await Assertions.Expect(page.Locator($"#windows [data-incident='{id}'] [data-name='firstTeamOnScene'] .due")).ToContainTextAsync("剩余");
            await Assertions.Expect(page.Locator("[data-figure='mass'] .figure-value")).ToHaveTextAsync("1");
        }
        finally
        {
            BrowserFixture.TryDelete(data);
        }
    }
}
