using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Command.Silo.Access;
using Command.Silo.Escalation;
using Command.Silo.Hosting.Logging;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Realtime;
using Command.Silo.Runtime;
using Command.Silo.Simulation;
using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Command.Silo.Storage.Sqlite;
using Command.Silo.Sweeps;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Silo.Hosting;

public static class SiloServiceExtensions
{
    /// <summary>Largest request body the API takes; a bigger one is answered 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    private static readonly ConcurrentDictionary<string, JurisdictionMap> maps = new();

    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder, SiloOptions silo, CommandRules rules)
    {
        var services = builder.Services;
        // The silo is usually started from the repository's root, whose folder holds no appsettings.json: the one
        // beside the program is the fallback beneath every other source.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        services.Configure<SiloOptions>(o =>
        {
            o.DataDirectory = silo.DataDirectory;
            o.Storage = silo.Storage;
            o.Redis = silo.Redis;
            o.RulesFile = silo.RulesFile;
            o.Demo = silo.Demo;
            o.SimulateRate = silo.SimulateRate;
            o.MapsDirectory = silo.MapsDirectory;
            o.SiloPort = silo.SiloPort;
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Naming the server software only helps someone looking for its known flaws.
            k.AddServerHeader = false;
        });
        // Whatever the configured levels, no credential and no line break from a request reaches a log.
        services.AddScrubbedLogging();

        services.Configure<DispatchOptions>(builder.Configuration.GetSection("Dispatch"));
        services.Configure<IncidentOptions>(builder.Configuration.GetSection("Incidents"));
        services.AddStorage();
        services.AddClusterFeed(silo.Storage);
        builder.AddGrains(silo);

        // Maps are immutable reference data; tests that start many silos share one parse.
        services.AddSingleton(sp =>
        {
            string directory = Path.GetFullPath(sp.GetRequiredService<IOptions<SiloOptions>>().Value.MapsDirectory ?? JurisdictionMap.FindMapsDirectory());
            return maps.GetOrAdd(directory, JurisdictionMap.Load);
        });
        services.AddSingleton<TeamRegistry>();
        services.AddSingleton<Command.Silo.Addresses.AddressBook>();
        services.AddSingleton<NeighbourCounties>();
        services.AddSingleton(rules);
        services.AddSingleton<IncidentCatalog>();
        services.AddSingleton<Command.Silo.Statistics.CaseFacts>();
        services.AddSingleton<Command.Silo.Statistics.StatisticsQuery>();
        services.AddSingleton<EscalationBoard>();
        services.AddSingleton<FollowUps.FollowUpBoard>();
        services.AddSingleton<Disputes.DisputeBoard>();
        services.AddSweeps(builder.Configuration);
        services.Configure<Escalation.Sms.SmsOptions>(builder.Configuration.GetSection("Sms"));
        // A deployment's own gateway, registered before this, takes the place of the outbox file.
        services.TryAddSingleton<Escalation.Sms.ISmsSender, Escalation.Sms.OutboxFileSmsSender>();
        services.AddSingleton<Escalation.Sms.SmsOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<Escalation.Sms.SmsOutbox>());
        services.AddSingleton<IncidentIntake>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<StartRefusal>();
        services.AddSingleton<AccessBootstrap>();
        services.AddAccess(builder.Configuration);
        services.AddSingleton<ConsoleNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleNotifier>());
        services.AddSingleton<ReadModelLoader>();
        services.AddHostedService<SiloStartup>();
        services.AddHostedService<Simulator>();

        // The pages call a silent connection dead after 15 s (shared/hub.js); the server pings a third of that, so a
        // console with nothing to hear stays connected instead of dropping and re-syncing every quarter minute.
        var signalR = services.AddSignalR(o => o.KeepAliveInterval = TimeSpan.FromSeconds(5))
            .AddJsonProtocol(o => JournalJson.Configure(o.PayloadSerializerOptions));
        if (silo.Storage == StorageKind.Redis)
        {
            // A console on any silo hears what a grain on any other silo pushed.
            var redis = RedisStorageOptions.From(silo.Redis, builder.Configuration);
            signalR.AddStackExchangeRedis(redis.Server, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(redis.KeyPrefix + "hub:"));
        }
        services.Configure<JsonOptions>(o =>
        {
            JournalJson.Configure(o.SerializerOptions);
            // The web defaults read "5" as 5; the API takes JSON numbers only, so a string where a number belongs is
            // type confusion and answers 400 like any other.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= AccessProblems.DefaultDetail(c.ProblemDetails.Status));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The position endpoint refuses a fix older than PositionMaxClockError, which bounds how late one can arrive.</summary>
    private static RedisStorageOptions RedisWithTrackLimit(IServiceProvider services, SiloOptions silo)
    {
        var redis = RedisStorageOptions.From(silo.Redis, services.GetRequiredService<IConfiguration>());
        redis.TrackArrivalLimit = services.GetRequiredService<IOptions<DispatchOptions>>().Value.PositionMaxClockError;
        return redis;
    }

    private static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<IStorageProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            return options.Storage switch
            {
                StorageKind.Memory => new MemoryStorageProvider(),
                StorageKind.Sqlite => ActivatorUtilities.CreateInstance<SqliteStorageProvider>(sp, Path.GetFullPath(options.DataDirectory)),
                StorageKind.Redis => ActivatorUtilities.CreateInstance<RedisStorageProvider>(sp, RedisWithTrackLimit(sp, options)),
                _ => throw new NotSupportedException($"Unknown storage kind {options.Storage}."),
            };
        });
        services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Journal);
        services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Reminders);
        services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Telemetry);
        return services;
    }
}
