using System.Net;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// GET /api/incidents answers a page at a time, newest first, still a JSON array; while more follow, the Link header
/// (rel="next") names the next page, and following it to the end yields every incident once.
/// </summary>
public sealed class IncidentPagingTests
{
    [Fact]
    public async Task FollowingTheLinkHeaderYieldsEveryIncidentOnceNewestFirst()
    {
        await using var app = new CommandApp();
        var api = app.Api("gx.duty");
        var created = new List<IncidentDetail>();
        for (int i = 0; i < 7; i++)
        {
            created.Add(await app.CreateIncident(api, lon: 115.45 + i * 0.001));
            // Some share their receipt time: the id orders them, and no page boundary loses or repeats one.
            if (i % 3 == 2)
            {
                app.Time.Advance(TimeSpan.FromSeconds(5));
            }
        }

        var (first, next) = await IncidentPages.PageAsync(api, "/api/incidents?limit=3");
        Assert.Equal(3, first.Count);
        Assert.NotNull(next);
        // A call received while someone pages is on no later page: the pages go back in time from where they began.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var late = await app.CreateIncident(api);
        var rest = await IncidentPages.AllAsync(api, next!);

        var listed = first.Concat(rest).ToList();
        Assert.Equal(created.Select(c => c.Id).Order(), listed.Select(i => i.Id).Order());
        Assert.Equal(listed.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), listed.Select(i => i.Id));
        Assert.DoesNotContain(late.Id, listed.Select(i => i.Id));
        Assert.Equal(late.Id, (await IncidentPages.PageAsync(api, "/api/incidents?limit=1")).Page.Single().Id);
    }

    [Fact]
    public async Task TheNextPageKeepsTheFiltersAndTheCallersJurisdiction()
    {
        await using var app = new CommandApp();
        var guanxian = app.Api("gx.duty");
        var shenxian = app.Api("sx.duty");
        var ours = new List<IncidentDetail>();
        for (int i = 0; i < 5; i++)
        {
            ours.Add(await app.CreateIncident(guanxian));
            await app.CreateIncident(shenxian, lon: 115.58, lat: 36.23);
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }
        var closed = ours[2];
        Assert.Equal(HttpStatusCode.OK, (await CommandApp.Post(guanxian, $"/api/incidents/{closed.Id}/close", new { resolution = "已处理" })).StatusCode);

        var (page, next) = await IncidentPages.PageAsync(guanxian, "/api/incidents?active=true&limit=2");
        Assert.Contains("active=true", next);
        Assert.Contains("limit=2", next);
        var active = page.Concat(await IncidentPages.AllAsync(guanxian, next!)).ToList();

        Assert.Equal(ours.Where(i => i.Id != closed.Id).Select(i => i.Id).Order(), active.Select(i => i.Id).Order());
        // Another county's cursor shows nothing of this one: each page is filtered for whoever asks.
        Assert.All(await IncidentPages.AllAsync(shenxian, next!), i => Assert.NotEqual("371525", i.CountyId));
    }

    [Fact]
    public async Task WithoutALimitAPageHoldsTheConfiguredNumber()
    {
        await using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Incidents:ListPageSize"] = "4" });
        var api = app.Api("gx.duty");
        for (int i = 0; i < 5; i++)
        {
            await app.CreateIncident(api);
        }

        var (page, next) = await IncidentPages.PageAsync(api, "/api/incidents");

        Assert.Equal(4, page.Count);
        Assert.Equal(5, (await IncidentPages.AllAsync(api)).Count);
        Assert.Single((await IncidentPages.PageAsync(api, next!)).Page);
    }

    [Fact]
    public async Task AScriptOnAConfiguredSiteMayReadTheLinkHeader()
    {
        await using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:CorsOrigins:0"] = "https://intranet.example" });
        var api = app.Api("gx.duty");
        await app.CreateIncident(api);
        await app.CreateIncident(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents?limit=1");
        request.Headers.Add("Origin", "https://intranet.example");

        using var answer = await api.SendAsync(request);

        Assert.NotNull(IncidentPages.Next(answer));
        Assert.Contains("Link", answer.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries)));
    }

    [Theory]
    [InlineData("limit=0", HttpStatusCode.UnprocessableEntity, "条数")]
    [InlineData("limit=1001", HttpStatusCode.UnprocessableEntity, "条数")]
    [InlineData("limit=-5", HttpStatusCode.UnprocessableEntity, "条数")]
    [InlineData("limit=many", HttpStatusCode.BadRequest, "条数")]
    [InlineData("before=not-a-cursor", HttpStatusCode.UnprocessableEntity, "翻页位置")]
    [InlineData("before=MTIzNDU2", HttpStatusCode.UnprocessableEntity, "翻页位置")]
    [InlineData("before=OTk5OTk5OTk5OTk5OTk5OTk5OTk5fmFiYw", HttpStatusCode.UnprocessableEntity, "翻页位置")]
    public async Task BadPagingParametersAreRefusedNamingTheParameter(string query, HttpStatusCode expected, string field)
    {
        await using var app = new CommandApp();

        var problem = await CommandApp.Problem(await app.Api("gx.duty").GetAsync("/api/incidents?" + query), expected);

        Assert.StartsWith(field, ChineseRefusal.Check(problem));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesThePaging()
    {
        await using var app = new CommandApp();
        var document = await CommandApp.Get<JsonElement>(app.Api(), "/openapi/v1.json");
        var list = document.GetProperty("paths").GetProperty("/api/incidents").GetProperty("get");

        string summary = list.GetProperty("summary").GetString()!;
        Assert.Contains("200 a page", summary);
        Assert.Contains("up to 1000", summary);
        Assert.Contains("Link", summary);
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        foreach (string name in new[] { "limit", "before", "active", "jurisdictionId" })
        {
            Assert.True(parameters.TryGetValue(name, out var parameter) && parameter.TryGetProperty("description", out _), $"?{name} is not described.");
        }
    }
}
