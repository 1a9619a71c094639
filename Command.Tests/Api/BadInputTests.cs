using System.Net;
using System.Text;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Hosting;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>Every bad request gets a 4xx with a detail, changes nothing, and never a 5xx.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly CommandApp app = new();
    private HttpClient api = null!;
    private IncidentDetail incident = null!;

    public async Task InitializeAsync()
    {
        api = app.Api();
        incident = await app.CreateIncident(api);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        api.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Nothing a refused request touched may have changed.</summary>
    private async Task AssertNothingChanged()
    {
        var incidents = await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents");
        Assert.Equal([incident.Id], incidents.Select(i => i.Id));
        var detail = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}");
        Assert.Equal(incident.Version, detail.Version);
        Assert.All(await CommandApp.Get<List<TeamView>>(api, "/api/teams"), t => Assert.Equal(TeamStatus.Available, t.Status));
    }

    [Theory]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,")]
    [InlineData("not json at all")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":\"east\",\"lat\":36.4}")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":NaN,\"lat\":36.4}")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":Infinity,\"lat\":36.4}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task MalformedIncidentIsRefusedWith400(string body)
    {
        var problem = await CommandApp.Problem(await PostRaw("/api/incidents", body), HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        await AssertNothingChanged();
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRefusedWith400()
    {
        string body = "{\"description\":" + new string('[', 5000) + new string(']', 5000) + "}";

        await CommandApp.Problem(await PostRaw("/api/incidents", body), HttpStatusCode.BadRequest);
        await AssertNothingChanged();
    }

    [Theory]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":200}", "lat")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":-181,\"lat\":36.4}", "lon")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":1e308,\"lat\":36.4}", "lon")]
    [InlineData("{\"channel\":999,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4}", "channel")]
    [InlineData("{\"channel\":\"police\",\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4}", "channel")]
    [InlineData("{\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4}", "channel")]
    [InlineData("{\"channel\":110,\"type\":\"alien\",\"lon\":115.4,\"lat\":36.4}", "type")]
    [InlineData("{\"channel\":110,\"type\":\"3\",\"lon\":115.4,\"lat\":36.4}", "type")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"severity\":0,\"lon\":115.4,\"lat\":36.4}", "severity")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lat\":36.4}", "lon")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"crowdSize\":-5}", "crowdSize")]
    [InlineData("{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"callerPhone\":\"call me maybe\"}", "callerPhone")]
    public async Task WellFormedButInvalidIncidentIsRefusedWith422NamingTheField(string body, string field)
    {
        var problem = await CommandApp.Problem(await PostRaw("/api/incidents", body), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Wording.Field(field), ChineseRefusal.Check(problem));
        await AssertNothingChanged();
    }

    [Fact]
    public async Task FiveMegabyteDescriptionIsRefusedWith413()
    {
        string body = $"{{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"description\":\"{new string('火', 5 * 1024 * 1024 / 3)}\"}}";

        await CommandApp.Problem(await PostRaw("/api/incidents", body), HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingChanged();
    }

    [Fact]
    public async Task DescriptionLongerThanKeptIsRefusedWith422()
    {
        string body = $"{{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"description\":\"{new string('x', 20_000)}\"}}";

        var problem = await CommandApp.Problem(await PostRaw("/api/incidents", body), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("警情描述", ChineseRefusal.Check(problem));
        await AssertNothingChanged();
    }

    [Fact]
    public async Task WrongContentTypeIsRefused()
    {
        var response = await PostRaw("/api/incidents", "channel=110", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingChanged();
    }

    [Theory]
    [InlineData("/api/incidents/nope")]
    [InlineData("/api/incidents/nope/timeline")]
    [InlineData("/api/incidents/nope/recommendations")]
    [InlineData("/api/teams/nope")]
    [InlineData("/api/jurisdictions/nope")]
    public async Task UnknownIdIs404(string path) =>
        await CommandApp.Problem(await api.GetAsync(path), HttpStatusCode.NotFound);

    [Fact]
    public async Task AssigningUnknownTeamIs404AndChangesNothing()
    {
        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = "team-nope" }), HttpStatusCode.NotFound);
        await CommandApp.Problem(await CommandApp.Post(api, "/api/incidents/nope/assignments", new { teamId = "team-371525-01" }), HttpStatusCode.NotFound);
        await AssertNothingChanged();
    }

    [Fact]
    public async Task ClosingWithoutResolutionIs422()
    {
        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/close", new { resolution = "  " }), HttpStatusCode.UnprocessableEntity);
        await AssertNothingChanged();
    }

    [Theory]
    [InlineData("{\"lon\":115.4,\"lat\":91}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"lon\":115.4,\"lat\":36.4,\"speedMps\":-1}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"lon\":115.4,\"lat\":36.4,\"headingDeg\":720}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"lon\":115.4,\"lat\":36.4,\"at\":\"2099-01-01T00:00:00+08:00\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"lon\":115.4,\"lat\":36.4,\"at\":\"yesterday\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"lon\":[115.4],\"lat\":36.4}", HttpStatusCode.BadRequest)]
    public async Task BadPositionIsRefusedAndTheTeamDoesNotMove(string body, HttpStatusCode expected)
    {
        var before = await CommandApp.Team(api, "team-371525-01");

        await CommandApp.Problem(await PostRaw("/api/teams/team-371525-01/positions", body), expected);

        Assert.Equal(before.Position, (await CommandApp.Team(api, "team-371525-01")).Position);
    }

    [Theory]
    [InlineData("dispatched", HttpStatusCode.Conflict)]
    [InlineData("onScene", HttpStatusCode.Conflict)]
    [InlineData("returning", HttpStatusCode.Conflict)]
    [InlineData("sleeping", HttpStatusCode.UnprocessableEntity)]
    [InlineData("2", HttpStatusCode.UnprocessableEntity)]
    public async Task StatusTheTeamCannotReachIsRefused(string status, HttpStatusCode expected)
    {
        await CommandApp.Problem(await CommandApp.Post(api, "/api/teams/team-371525-01/status", new { status }), expected);
        await AssertNothingChanged();
    }

    [Fact]
    public async Task TheTimelineNamesTheSignedInUserWhateverTheRequestClaims()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents")
        {
            Content = new StringContent("{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4}", Encoding.UTF8, "application/json"),
        };
        // The header that named the actor before sign-in existed: it must not let anyone write in another's name.
        request.Headers.Add("X-Actor", Uri.EscapeDataString("领导:李强"));

        var created = await CommandApp.Read<Command.Abstractions.Incidents.IncidentDetail>(await api.SendAsync(request), HttpStatusCode.Created);
        var timeline = await CommandApp.Get<List<Command.Abstractions.Incidents.TimelineEntry>>(api, $"/api/incidents/{created.Id}/timeline");
        Assert.Equal("值班员:张伟(lc.duty)", Assert.Single(timeline).Actor);
    }
}
