using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Storage;

/// <summary>A real silo on a Redis of its own that is killed and started again under it: the silo says 503 while
/// Redis is gone and serves again once it is back, without being restarted itself.</summary>
public sealed class RedisOutageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task HealthzIs503WhileRedisIsDownAndTheSiloServesAgainWhenItIsBack()
    {
        await using var redis = RedisServer.StartPersistent();
        await using var silo = await SiloProcess.StartAsync(
            configuration: new Dictionary<string, string> { ["Storage__Redis__KeyPrefix"] = "outage:", ["Storage__Redis__OperationTimeout"] = "00:00:01" },
            args: ["--storage", "redis", "--redis", redis.Endpoint, "--no-demo"]);
        var api = await silo.StaffAsync();
        var before = await CreateAsync(api, HttpStatusCode.Created);

        redis.Kill();

        var health = await Eventually.Get(() => silo.Http.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "/healthz to say 503");
        Assert.Contains("Redis unavailable", await health.Content.ReadAsStringAsync());
        var refused = await api.PostAsJsonAsync("/api/incidents", new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        // The operator's /healthz names Redis; the duty officer is told in Chinese that nothing was saved.
        Assert.Contains("数据存储暂时无法访问，这次操作没有保存", await refused.Content.ReadAsStringAsync());

        redis.Start();

        await Eventually.Get(() => silo.Http.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.OK, "/healthz to serve again");
        var after = await CreateAsync(api, HttpStatusCode.Created);
        var timeline = await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{before.Id}/timeline", CommandApp.Json);
        Assert.Equal("received", timeline![0].Kind);
        var incidents = await api.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", CommandApp.Json);
        Assert.Equal(new[] { before.Id, after.Id }.Order(StringComparer.Ordinal), incidents!.Select(i => i.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASiloUnderLoadRidesThroughARedisRestartAnswering503MeanwhileAndLosesNothingAcknowledged()
    {
        await using var redis = RedisServer.StartPersistent();
        await using var silo = await SiloProcess.StartAsync(
            configuration: new Dictionary<string, string> { ["Storage__Redis__KeyPrefix"] = "restart:", ["Storage__Redis__OperationTimeout"] = "00:00:01" },
            args: ["--storage", "redis", "--redis", redis.Endpoint, "--no-demo"]);
        var api = await silo.StaffAsync();
        await Recovery.LoadClient.CommissionTeamsAsync(api);
        var load = new Recovery.LoadClient();
        using var stop = new CancellationTokenSource();
        var workers = load.RunAsync(api, 4, seed: 7, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Down for 6 s: the journal and the cluster's membership table are out of reach together, and the silo rides
        // through on 503s without leaving its cluster.
        redis.Kill();
        await Task.Delay(TimeSpan.FromSeconds(6));
        int refusedWhileDown = load.Unavailable;
        redis.Start();
        await Eventually.Get(() => silo.Http.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.OK, "/healthz to serve again");
        int atReturn = load.Incidents;
        await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= atReturn + 20, "calls to be acknowledged again");
        await stop.CancelAsync();
        await workers;

        await load.VerifyAsync(api, "after Redis restarted");
        string report = $"redis restart under load (down 6 s): {load.Summary}";
        await Recovery.FaultReport.WriteAsync(output, report);
        Assert.True(refusedWhileDown > 0, $"Nothing was answered 503 while Redis was down: {load.Summary}");
        Assert.Equal(0, load.Faults);
        Assert.False(silo.HasExited);
    }

    [Fact]
    public async Task SiloStartedWhileRedisIsDownSaysSoAndExits()
    {
        await using var redis = RedisServer.StartPersistent();
        redis.Kill();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            configuration: new Dictionary<string, string> { ["Storage__Redis__ConnectTimeout"] = "00:00:01", ["Storage__Redis__OperationTimeout"] = "00:00:01" },
            args: ["--storage", "redis", "--redis", redis.Endpoint, "--no-demo"]));

        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains($"The silo cannot start: Redis unavailable", error.Message);
        Assert.Contains($"Start Redis at {redis.Endpoint}", error.Message);
    }

    private static async Task<IncidentDetail> CreateAsync(HttpClient api, HttpStatusCode expected)
    {
        var response = await api.PostAsJsonAsync("/api/incidents", new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49 });
        return await CommandApp.Read<IncidentDetail>(response, expected);
    }
}
