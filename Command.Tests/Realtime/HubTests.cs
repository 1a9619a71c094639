using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Command.Tests.Support;

namespace Command.Tests.Realtime;

/// <summary>A console speaking the SignalR JSON protocol over a raw WebSocket, as a browser does.</summary>
public sealed class HubTests : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';
    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ConsoleIsToldOfANewIncidentAndOfTheTeamSentToIt()
    {
        var api = app.Api();
        using var socket = await ConnectAsync();
        var incident = await app.CreateIncident(api);

        var created = await ReceiveAsync(socket, "IncidentChanged", m => m.GetProperty("id").GetString() == incident.Id);
        Assert.Equal("received", created.GetProperty("status").GetString());
        Assert.Equal(110, created.GetProperty("channel").GetInt32());

        var ranked = await CommandApp.Get<List<Command.Abstractions.Incidents.Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[0].TeamId });

        var team = await ReceiveAsync(socket, "TeamStatusChanged", m => m.GetProperty("id").GetString() == ranked[0].TeamId);
        Assert.Equal("dispatched", team.GetProperty("status").GetString());
        var dispatched = await ReceiveAsync(socket, "IncidentChanged", m => m.GetProperty("status").GetString() == "dispatched");
        Assert.Equal(incident.Id, dispatched.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PositionsArriveAsOneBatchPerFlush()
    {
        var api = app.Api();
        using var socket = await ConnectAsync();
        await CommandApp.Post(api, "/api/teams/team-371525-01/positions", new { lon = 115.41, lat = 36.41 });
        await CommandApp.Post(api, "/api/teams/team-371525-02/positions", new { lon = 115.42, lat = 36.42 });
        await CommandApp.Post(api, "/api/teams/team-371525-01/positions", new { lon = 115.43, lat = 36.43 });

        app.Time.Advance(TimeSpan.FromMilliseconds(200));

        var batch = await ReceiveAsync(socket, "TeamsMoved", m => m.GetArrayLength() >= 2);
        var moves = batch.EnumerateArray().ToDictionary(m => m.GetProperty("teamId").GetString()!, m => m.GetProperty("position"));
        Assert.Equal(115.43, moves["team-371525-01"].GetProperty("lon").GetDouble());
        Assert.Equal(115.42, moves["team-371525-02"].GetProperty("lon").GetDouble());
    }

    private async Task<WebSocket> ConnectAsync(string username = "lc.duty")
    {
        string token = await app.SignIn(username);
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        var socket = await client.ConnectAsync(new Uri(app.Server.BaseAddress, "hubs/command").ToWebSocket(), CancellationToken.None);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
        var handshake = await ReadFrameAsync(socket);
        Assert.Equal("{}", handshake);
        return socket;
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private readonly Queue<string> pending = new();

    private async Task<string> ReadFrameAsync(WebSocket socket)
    {
        while (pending.Count == 0)
        {
            using var timeout = new CancellationTokenSource(Eventually.Guard);
            var buffer = new byte[1 << 16];
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);
            foreach (var frame in text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                pending.Enqueue(frame);
            }
        }
        return pending.Dequeue();
    }

    /// <summary>Reads invocations until one of <paramref name="target"/> whose argument matches arrives.</summary>
    private async Task<JsonElement> ReceiveAsync(WebSocket socket, string target, Func<JsonElement, bool> match)
    {
        while (true)
        {
            var message = JsonDocument.Parse(await ReadFrameAsync(socket)).RootElement;
            if (message.GetProperty("type").GetInt32() == 1 && message.GetProperty("target").GetString() == target)
            {
                var argument = message.GetProperty("arguments")[0];
                if (match(argument))
                {
                    return argument.Clone();
                }
            }
        }
    }
}
