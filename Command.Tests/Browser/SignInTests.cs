using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>The pages behind the real sign-in form: what someone without a session sees, a wrong password, a county
/// duty officer's console framed on their county, and 退出 ending the session on the server.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class SignInTests(BrowserFixture browser)
{
    private const string Guanxian = "371525";

    [Fact]
    public async Task WithoutASessionTheConsoleAnswersWithTheLoginFormAndAGuanxianOfficerLandsOnGuanxian()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(browser.Silo.BaseAddress.ToString());
        Assert.Equal(401, response!.Status);
        Assert.Equal(browser.Silo.BaseAddress.ToString(), page.Url);
        await Assertions.Expect(page).ToHaveTitleAsync("登录 · 聊城市社会治安指挥调度系统");
        await Assertions.Expect(page.Locator(".login-card h1")).ToHaveTextAsync("聊城市社会治安指挥调度系统");
        await Assertions.Expect(page.Locator("label[for='username']")).ToHaveTextAsync("用户名");
        await Assertions.Expect(page.Locator("label[for='password']")).ToHaveTextAsync("密码");
        await Assertions.Expect(page.Locator("#sign-in")).ToHaveTextAsync("登录");
        await Assertions.Expect(page.Locator(".login-message.info")).ToHaveTextAsync("请先登录。");
        await page.ScreenshotAsync("login");

        await page.SubmitSignInAsync("gx.duty");
        Assert.Equal(browser.Silo.BaseAddress.ToString(), page.Url);
        await page.WaitForFunctionAsync(
            "() => window.__command && window.__command.synced && window.__command.mapReady() && window.__command.connectionState() === 'connected'");
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync("王磊");
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("值班员");
        await Assertions.Expect(page.Locator("#user-jurisdiction")).ToHaveTextAsync("冠县");
        await Assertions.Expect(page.Locator("#actor")).ToHaveCountAsync(0);

        // The map frames 冠县, the one county drawn, not the city.
        Assert.Equal("冠县", await page.EvaluateAsync<string>("() => window.__command.framedJurisdiction()"));
        Assert.Equal(["冠县"], await page.EvaluateAsync<string[]>("() => window.__command.countyNames()"));
        var counties = (await browser.Api.GetJsonAsync("api/map/boundaries?level=county")).GetProperty("features").EnumerateArray().ToList();
        var city = Bounds(counties.Select(c => c.GetProperty("geometry")));
        var guanxian = Bounds([counties.Single(c => c.GetProperty("properties").Text("id") == Guanxian).GetProperty("geometry")]);
        var view = await page.EvaluateAsync<double[]>("() => window.__command.viewExtent()");
        const double slack = 0.002;
        Assert.True(view[0] <= guanxian.MinLon + slack && view[1] <= guanxian.MinLat + slack && view[2] >= guanxian.MaxLon - slack && view[3] >= guanxian.MaxLat - slack,
            $"The view [{string.Join(", ", view)}] does not hold 冠县 [{guanxian}].");
        Assert.True((view[2] - view[0]) * (view[3] - view[1]) < 0.5 * (city.MaxLon - city.MinLon) * (city.MaxLat - city.MinLat),
            $"The view [{string.Join(", ", view)}] frames much more than 冠县 [{guanxian}] (the city is [{city}]).");

        // Only 冠县's teams, the same the server gives a 冠县 officer.
        using var gx = await browser.Silo.SignInAsync("gx.duty");
        var expected = (await gx.GetJsonAsync("api/teams")).EnumerateArray().Select(t => t.Id()).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(expected);
        Assert.All(expected, id => Assert.StartsWith($"team-{Guanxian}-", id, StringComparison.Ordinal));
        await page.WaitForFunctionAsync("n => window.__command.teamCount() === n", expected.Length);
        Assert.Equal(expected, (await page.EvaluateAsync<string[]>("() => window.__command.teamIds()")).Order(StringComparer.Ordinal).ToArray());
        await page.ClickAsync("[data-tab='team-board']");
        await Assertions.Expect(page.Locator("#team-board tbody tr")).ToHaveCountAsync(expected.Length);
        await page.ScreenshotAsync("console-gx-duty");
    }

    [Fact]
    public async Task AWrongPasswordShowsTheErrorOnTheForm()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(browser.Silo.BaseAddress, "login").ToString());
        await page.FillAsync("#username", "gx.duty");
        await page.FillAsync("#password", "not-the-password");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#sign-in"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/login");
        Assert.Equal(401, response.Status);
        await Assertions.Expect(page.Locator(".login-message.error")).ToHaveTextAsync("用户名或密码错误，或账号已停用。");
        await Assertions.Expect(page.Locator("#username")).ToHaveValueAsync("gx.duty");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync("");
        await page.ScreenshotAsync("login-wrong-password");
    }

    [Fact]
    public async Task SigningOutEndsTheSessionOnTheServer()
    {
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "lc.duty");
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync("张伟");
        string session = (await page.Context.CookiesAsync()).Single(c => c.Name == "command.session").Value;

        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        var again = await page.GotoAsync(browser.Silo.BaseAddress.ToString());
        Assert.Equal(401, again!.Status);
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        // Not just a cookie the browser forgot: the server refuses it from now on.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = browser.Silo.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        request.Headers.Add("Cookie", $"command.session={session}");
        using var me = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private sealed record Box(double MinLon, double MinLat, double MaxLon, double MaxLat)
    {
        public override string ToString() => $"{MinLon:0.####}, {MinLat:0.####}, {MaxLon:0.####}, {MaxLat:0.####}";
    }

    /// <summary>The bounding box of GeoJSON geometries (any nesting of coordinate arrays).</summary>
    private static Box Bounds(IEnumerable<JsonElement> geometries)
    {
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        void Walk(JsonElement e)
        {
            if (e.GetArrayLength() >= 2 && e[0].ValueKind == JsonValueKind.Number)
            {
                minLon = Math.Min(minLon, e[0].GetDouble());
                maxLon = Math.Max(maxLon, e[0].GetDouble());
                minLat = Math.Min(minLat, e[1].GetDouble());
                maxLat = Math.Max(maxLat, e[1].GetDouble());
                return;
            }
            foreach (var child in e.EnumerateArray())
            {
                Walk(child);
            }
        }
        foreach (var geometry in geometries)
        {
            Walk(geometry.GetProperty("coordinates"));
        }
        return new Box(minLon, minLat, maxLon, maxLat);
    }
}
