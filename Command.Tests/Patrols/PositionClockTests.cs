using System.Net;
using System.Text.Json;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Patrols;

/// <summary>
/// Newer fixes win, so a fix's time stamp decides what the map shows. A device whose clock runs ahead is still put on
/// the map, at the server's time, and cannot hold its place against the fixes after it; a stamp a day off is refused.
/// </summary>
public sealed class PositionClockTests : IAsyncLifetime
{
    private const string TeamId = "team-371525-01";

    private readonly CommandApp app = new();
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> Fix(double lon, double lat, DateTimeOffset? at = null) =>
        CommandApp.Post(duty, $"/api/teams/{TeamId}/positions", at is null ? new { lon, lat } : new { lon, lat, at });

    [Fact]
    public async Task AFixStampedFiveMinutesAheadIsRecordedAtTheServersTimeAndTheNextRealFixMovesTheTeam()
    {
        var now = app.Time.GetUtcNow();

        using var answer = await Fix(115.41, 36.41, now.AddMinutes(5));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(new TeamPosition(115.41, 36.41, now), (await CommandApp.Team(duty, TeamId)).Position);

        app.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Accepted, (await Fix(115.42, 36.42)).StatusCode);

        var moved = (await CommandApp.Team(duty, TeamId)).Position!;
        Assert.Equal((115.42, 36.42, now.AddSeconds(5)), (moved.Lon, moved.Lat, moved.At));
        // The terminal is told its clock is off, and by how much.
        var ahead = await CommandApp.Read<JsonElement>(answer, HttpStatusCode.Accepted);
        Assert.Equal((now, 300), (ahead.GetProperty("at").GetDateTimeOffset(), ahead.GetProperty("clockAheadSeconds").GetDouble()));
        Assert.Contains("终端时钟比服务器快300秒", ahead.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AClockAFewSecondsAheadIsOrdinaryDriftRecordedAtTheServersTimeWithoutComment()
    {
        var now = app.Time.GetUtcNow();

        using var answer = await Fix(115.41, 36.41, now.AddSeconds(10));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(now, (await CommandApp.Team(duty, TeamId)).Position!.At);
        var drift = await CommandApp.Read<JsonElement>(answer, HttpStatusCode.Accepted);
        Assert.Equal((now, JsonValueKind.Null), (drift.GetProperty("at").GetDateTimeOffset(), drift.GetProperty("clockAheadSeconds").ValueKind));
    }

    [Theory]
    [InlineData(25, "）快25")]
    [InlineData(-25, "）慢25")]
    public async Task AFixStampedADayOffIsRefusedAndTheTeamDoesNotMove(int hours, string expected)
    {
        var before = (await CommandApp.Team(duty, TeamId)).Position;

        var refused = await CommandApp.Problem(await Fix(115.41, 36.41, app.Time.GetUtcNow().AddHours(hours)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(expected, ChineseRefusal.Check(refused));
        Assert.Equal(before, (await CommandApp.Team(duty, TeamId)).Position);
    }
}
