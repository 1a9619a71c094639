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
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Tests.Support;

/// <summary>
/// The silo in process on the test server: memory storage, the demo city and its accounts, no simulator, and a fake
/// clock the test drives. Helpers speak the contract's HTTP API, signed in as a demo user, and read answers as the
/// wire records.
/// </summary>
public sealed class CommandApp : WebApplicationFactory<SiloOptions>
{
    public static readonly JsonSerializerOptions Json = JournalJson.Options;

    public FakeTimeProvider Time { get; }

    /// <summary>Where this silo's built-in SMS sender writes: a file of its own, so tests running side by side never
    /// read each other's texts.</summary>
    public string SmsOutbox { get; } = Path.Combine(Path.GetTempPath(), $"command-sms-{Guid.NewGuid():N}.jsonl");

    public MemoryStore Store { get; }

    private readonly CommandRules? rules;

    private readonly IReadOnlyDictionary<string, string?>? configuration;

    private readonly string environment;

    private readonly Action<IServiceCollection>? services;

    private readonly Microsoft.Extensions.Logging.ILoggerProvider? logs;

    private readonly bool sweepClock;

    /// <param name="environment">Testing, a development setting with the demo accounts; Production to see what a real
    /// deployment does.</param>
    /// <param name="services">Replacements of the silo's services, registered last.</param>
    /// <param name="logs">A provider added beside the host's own (e.g. <see cref="CapturedLogs"/>).</param>
    /// <param name="sweepClock">Whether the ends of 排查 periods are kept: off unless a test looks at them, since most
    /// tests jump their clock by days and each Monday midnight crossed would wake every village's schedule.</param>
    public CommandApp(MemoryStore? store = null, CommandRules? rules = null, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string?>? configuration = null,
        string environment = Silo.Demo.DemoUsers.TestingEnvironment, Action<IServiceCollection>? services = null,
        Microsoft.Extensions.Logging.ILoggerProvider? logs = null, bool sweepClock = false)
    {
        this.sweepClock = sweepClock;
        this.configuration = configuration;
        this.environment = environment;
        this.services = services;
        this.logs = logs;
        Store = store ?? new MemoryStore();
        this.rules = rules;
        Time = time ?? TestClock.Create();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Hashing demo passwords at full strength would cost each test host about a second.
        // The tests' clock jumps days ahead, and a signed-in helper client must outlive that: tokens last 30 days here
        // (8 hours in production). A test of expiry overrides it.
        builder.ConfigureAppConfiguration(c => c
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Access:PasswordIterations"] = "1000",
                ["Access:TokenLifetime"] = "30.00:00:00",
                ["Sms:Outbox"] = SmsOutbox,
                ["Sweeps:Clock"] = sweepClock ? "true" : "false",
            })
            .AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<SiloOptions>(o =>
            {
                o.Storage = StorageKind.Memory;
                o.Demo = true;
                o.SimulateRate = null;
                o.SiloPort = 0;
            });
            services.AddSingleton<TimeProvider>(Time);
            // Stopping a silo deactivates its grains; on a busy 2-core machine running hosts side by side that can
            // outlast the 30 s default, and a cut-short stop fails the test that merely ended.
            services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddress>();
            services.KeepOrleansOnRealTime();
            services.AddSingleton<IStorageProvider>(new MemoryStorageProvider(Store));
            if (rules is not null)
            {
                services.AddSingleton(rules);
            }
            if (logs is not null)
            {
                services.AddSingleton(logs);
            }
            this.services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        File.Delete(SmsOutbox);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> tokens = new();

    /// <summary>A client signed in as the city's duty officer (lc.duty), who may receive calls and dispatch anywhere.</summary>
    public HttpClient Api() => Api("lc.duty");

    /// <summary>A client signed in as a demo user (see Command.Silo.Demo.DemoUsers), with a bearer token.</summary>
    public HttpClient Api(string username)
    {
        // Sign in once per user and host: the sign-in endpoint is rate limited like any other client's.
        string token = Task.Run(() => tokens.GetOrAdd(username, u => new Lazy<Task<string>>(() => SignIn(u))).Value).GetAwaiter().GetResult();
        return WithToken(token);
    }

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An anonymous client whose requests come from <paramref name="address"/> (see <see cref="PeerAddress"/>).</summary>
    public HttpClient From(string address, WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Add(PeerAddress.Header, address);
        return client;
    }

    /// <summary>A patrol terminal of one team: a device token issued by the administrator.</summary>
    public async Task<HttpClient> Terminal(string teamId) => WithToken((await IssueTerminal(teamId)).AccessToken);

    /// <summary>The administrator issues a terminal token for a team; the answer holds the token and its id.</summary>
    public async Task<Command.Silo.Access.Api.TokenResponse> IssueTerminal(string teamId, string label = "测试终端") =>
        await Read<Command.Silo.Access.Api.TokenResponse>(await Api("admin").PostAsJsonAsync($"/api/teams/{teamId}/device-tokens", new { label }), HttpStatusCode.Created);

    /// <summary>A fresh bearer token for a demo user.</summary>
    public async Task<string> SignIn(string username, string password = Command.Silo.Demo.DemoUsers.Password)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password }).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in of {username} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
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
