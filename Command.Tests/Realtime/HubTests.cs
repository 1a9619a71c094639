using System.Net;
using Command.Tests.Support;

namespace Command.Tests.Realtime;

/// <summary>A console on the hub through the .NET SignalR client, over a WebSocket as a browser's is.</summary>
public sealed class HubTests : IAsyncLifetime
{
    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ConsoleIsToldOfANewIncidentAndOfTheTeamSentToIt()
    {
        var api = app.Api();
        await using var console = await HubClient.ConnectAsync(app, await app.SignIn("lc.duty"));
        var incident = await app.CreateIncident(api);

        var created = await console.ReceiveAsync("IncidentChanged", m => m.GetProperty("id").GetString() == incident.Id);
        Assert.Equal("received", created.GetProperty("status").GetString());
        Assert.Equal(110, created.GetProperty("channel").GetInt32());

        var ranked = await CommandApp.Get<List<Command.Abstractions.Incidents.Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[0].TeamId });

        var team = await console.ReceiveAsync("TeamStatusChanged", m => m.GetProperty("id").GetString() == ranked[0].TeamId);
        Assert.Equal("dispatched", team.GetProperty("status").GetString());
        var dispatched = await console.ReceiveAsync("IncidentChanged", m => m.GetProperty("status").GetString() == "dispatched");
        Assert.Equal(incident.Id, dispatched.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PositionsArriveAsOneBatchPerFlush()
    {
        var api = app.Api();
        await using var console = await HubClient.ConnectAsync(app, await app.SignIn("lc.duty"));
        await CommandApp.Post(api, "/api/teams/team-371525-01/positions", new { lon = 115.41, lat = 36.41 });
        await CommandApp.Post(api, "/api/teams/team-371525-02/positions", new { lon = 115.42, lat = 36.42 });
        await CommandApp.Post(api, "/api/teams/team-371525-01/positions", new { lon = 115.43, lat = 36.43 });

        app.Time.Advance(TimeSpan.FromMilliseconds(200));

        var batch = await console.ReceiveAsync("TeamsMoved", m => m.GetArrayLength() >= 2);
        var moves = batch.EnumerateArray().ToDictionary(m => m.GetProperty("teamId").GetString()!, m => m.GetProperty("position"));
        Assert.Equal(115.43, moves["team-371525-01"].GetProperty("lon").GetDouble());
        Assert.Equal(115.42, moves["team-371525-02"].GetProperty("lon").GetDouble());
    }

    [Fact]
    public async Task ALiveFeedClosesWhenItsCredentialExpires()
    {
        // Tokens of an hour here, so the fake clock can pass one's expiry while the other is still good.
        await using var shortLived = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:TokenLifetime"] = "01:00:00" });
        string first = await shortLived.SignIn("gx.duty");
        await using var expiring = await HubClient.ConnectAsync(shortLived, first);
        shortLived.Time.Advance(TimeSpan.FromMinutes(30));
        string second = await shortLived.SignIn("gx.duty");
        await using var staying = await HubClient.ConnectAsync(shortLived, second);

        // A second short of its expiry the first connection still hears its county.
        shortLived.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var before = await shortLived.CreateIncident(shortLived.WithToken(second), 115.45, 36.49);
        await expiring.ReceiveAsync("IncidentChanged", m => m.GetProperty("id").GetString() == before.Id);
        Assert.False(expiring.Closed.IsCompleted);

        shortLived.Time.Advance(TimeSpan.FromSeconds(1));

        await expiring.Closed.WaitAsync(Eventually.Guard);
        await CommandApp.Problem(await shortLived.WithToken(first).PostAsync("/hubs/command/negotiate?negotiateVersion=1", null), HttpStatusCode.Unauthorized);
        var after = await shortLived.CreateIncident(shortLived.WithToken(second), 115.45, 36.49);
        await staying.ReceiveAsync("IncidentChanged", m => m.GetProperty("id").GetString() == after.Id);
        Assert.False(staying.Closed.IsCompleted);
    }
}
