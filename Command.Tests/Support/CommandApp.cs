using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Tests.Support;

/// <summary>
/// The silo in process on the test server: memory storage, the demo city, no simulator, and a fake clock the
/// test drives. Helpers speak the contract's HTTP API and read answers as the wire records.
/// </summary>
public sealed class CommandApp : WebApplicationFactory<SiloOptions>
{
    public static readonly JsonSerializerOptions Json = JournalJson.Options;

    public FakeTimeProvider Time { get; }

    public MemoryStore Store { get; }

    private readonly CommandRules? rules;

    public CommandApp(MemoryStore? store = null, CommandRules? rules = null, FakeTimeProvider? time = null)
    {
        Store = store ?? new MemoryStore();
        this.rules = rules;
        Time = time ?? new FakeTimeProvider();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.Configure<SiloOptions>(o =>
            {
                o.Storage = StorageKind.Memory;
                o.Demo = true;
                o.SimulateRate = null;
            });
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStorageProvider>(new MemoryStorageProvider(Store));
            if (rules is not null)
            {
                services.AddSingleton(rules);
            }
        });
    }

    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(Actor.Header, Uri.EscapeDataString("值班员:测试"));
        return client;
    }

    public async Task<IncidentDetail> CreateIncident(HttpClient api, double lon = 115.45, double lat = 36.49, string type = "publicOrder", int channel = 110,
        string? description = null, int? crowdSize = null, string? cause = null)
    {
        var response = await api.PostAsJsonAsync("/api/incidents", new { channel, type, lon, lat, address = "测试地址", description, crowdSize, cause });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IncidentDetail>(Json))!;
    }

    public static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<T> Get<T>(HttpClient api, string path) => await Read<T>(await api.GetAsync(path));

    public static Task<HttpResponseMessage> Post(HttpClient api, string path, object body) => api.PostAsJsonAsync(path, body);

    public static async Task<TeamView> Team(HttpClient api, string id) => await Get<TeamView>(api, $"/api/teams/{id}");

    /// <summary>Problem details of an error answer, after checking the status and that a detail is given.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"No detail in {body}");
        return problem;
    }
}
