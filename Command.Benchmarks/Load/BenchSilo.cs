using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Command.Benchmarks.Load;

/// <summary>
/// A silo in this process, built as Program.cs builds one (<c>AddSilo</c>, <c>MapSilo</c>) and listening on a free
/// loopback port, so the bench drives the same grains in process and the same Kestrel, middleware and hub over HTTP.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    /// <summary>The city's duty officer the bench acts as: a real account, whose tokens are issued as sign-in issues them.</summary>
    public const string DutyUser = "bench.duty";

    /// <summary>A terminal reports every few seconds; the bench posts thousands a second with one credential per
    /// connection, so without this the rate limiter would be measured instead of the silo.</summary>
    public const int PositionsPerMinute = 1_000_000_000;

    private readonly WebApplication app;
    private readonly string? ownedDirectory;

    private BenchSilo(WebApplication app, Uri address, TimeSpan startToServing, TimeSpan startCpu, string? ownedDirectory)
    {
        this.app = app;
        Address = address;
        StartToServing = startToServing;
        StartCpu = startCpu;
        this.ownedDirectory = ownedDirectory;
    }

    public Uri Address { get; }

    /// <summary>From building the host to /healthz answering "serving".</summary>
    public TimeSpan StartToServing { get; }

    /// <summary>Processor time the whole process used meanwhile, on all cores: unlike the wall time, it hardly depends on
    /// what else the machine is running.</summary>
    public TimeSpan StartCpu { get; }

    public IServiceProvider Services => app.Services;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <param name="ownsData">Deletes the data folder when the silo is disposed.</param>
    /// <param name="settings">Configuration on top of the bench's own, such as a Redis key prefix.</param>
    /// <param name="map">Extra endpoints, mapped after the silo's (the bare hub baseline).</param>
    public static async Task<BenchSilo> StartAsync(SiloOptions options, BenchLog log, bool ownsData, CommandRules? rules = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplication>? map = null)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Access:PositionsPerMinute"] = PositionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }
        // Several bench silos may run at once, each a one-silo cluster of its own.
        options.SiloPort = 0;
        builder.AddSilo(options, rules ?? RulesLoader.Load(null));
        var app = builder.Build();
        app.MapSilo();
        map?.Invoke(app);
        // A silo without accounts prints a one-time administrator password; in a bench it is noise in the table.
        var stdout = System.Console.Out;
        System.Console.SetOut(TextWriter.Null);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        finally
        {
            System.Console.SetOut(stdout);
        }
        var address = new Uri(app.Urls.First());
        await WaitUntilServingAsync(address);
        var silo = new BenchSilo(app, address, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu,
            ownsData ? Path.GetFullPath(options.DataDirectory) : null);
        await silo.EnsureDutyUserAsync();
        return silo;
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "command-bench-" + Guid.NewGuid().ToString("N"));

    /// <summary>A bearer token of the city's duty officer, registered as <c>POST /api/auth/token</c> registers one.</summary>
    public async Task<string> IssueTokenAsync(string label)
    {
        var credentials = Get<Credentials>();
        var user = await Get<IGrainFactory>().GetGrain<IUserGrain>(DutyUser).Get()
            ?? throw new InvalidOperationException($"The bench account {DutyUser} is missing.");
        var caller = await credentials.IssueAsync(CredentialKind.Token, user.Username, user.DisplayName, user.Role, user.JurisdictionId, user.TeamId,
            user.Username, label);
        return credentials.Protect(caller);
    }

    /// <summary>An HTTP client with its own pool of up to <paramref name="connections"/> keep-alive connections.</summary>
    public HttpClient CreateClient(string token, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = Address,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Timeout = TimeSpan.FromSeconds(60),
        };

    private async Task EnsureDutyUserAsync()
    {
        var user = Get<IGrainFactory>().GetGrain<IUserGrain>(DutyUser);
        if (await user.Get() is null)
        {
            await user.Create(new UserProfile("压测值班员", Role.DutyOfficer, JurisdictionMap.CityId, null), "Bench-" + Guid.NewGuid().ToString("N"), "bench");
        }
    }

    /// <summary>Polls /healthz until it says "serving"; a slow or refused answer on a busy machine is tried again.</summary>
    private static async Task WaitUntilServingAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer";
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                using var answer = await http.GetAsync("/healthz");
                string body = await answer.Content.ReadAsStringAsync();
                if (answer.IsSuccessStatusCode && body == "serving")
                {
                    return;
                }
                last = $"{(int)answer.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"The bench silo at {address} did not start serving: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
            if (ownedDirectory is not null && Directory.Exists(ownedDirectory))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(ownedDirectory, recursive: true);
            }
        }
    }
}
