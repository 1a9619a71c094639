using System.Net;
using System.Net.Sockets;
using Command.Silo.Cluster;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Command.Silo.Hosting;

public static class GrainHostingExtensions
{
    /// <summary>
    /// Co-hosts an Orleans silo on the web host. With SQLite or memory storage it is a cluster of one on localhost
    /// clustering (nothing else installed); with Redis, every silo started against the same Redis and key prefix joins
    /// one cluster (Redis membership) and serves. There is no client gateway: the API and the hub call grains in process.
    /// Reminders live in the project's own store. Hosted services registered before this start before Orleans; those
    /// after it find the grains running.
    /// </summary>
    public static TBuilder AddGrains<TBuilder>(this TBuilder builder, SiloOptions silo) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<GrainRuntimeOptions>(builder.Configuration.GetSection("Runtime"));
        builder.Services.AddSingleton<DeadlineSweep>();
        builder.Services.AddSingleton(sp => new PauseFence(sp, clustered: silo.Storage == StorageKind.Redis));
        builder.Services.AddSingleton<ClusterStartup>();
        builder.UseOrleans(orleans =>
        {
            if (silo.Storage == StorageKind.Redis)
            {
                var redis = RedisStorageOptions.From(silo.Redis, builder.Configuration);
                orleans.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.Server));
                orleans.Configure<ClusterOptions>(o =>
                {
                    // The key prefix that keeps deployments apart in Redis keeps their clusters apart too.
                    o.ClusterId = "command-" + redis.KeyPrefix.TrimEnd(':');
                    o.ServiceId = "command";
                });
                orleans.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = IPAddress.Parse(builder.Configuration["Cluster:AdvertisedIP"] ?? "127.0.0.1");
                    o.GatewayPort = 0;
                });
                builder.Services.Configure<ClusterMembershipOptions>(TuneMembership);
                builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Cluster:Membership"));
                // A call to a grain of a silo that just died waits no longer than the time it takes to declare it dead.
                builder.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
                builder.Services.AddHostedService<DeadlineWatch>();
            }
            else
            {
                orleans.UseLocalhostClustering(gatewayPort: 0);
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "command";
                    o.ServiceId = "command";
                });
            }
            // Read from the options, not the command line, so a test host can ask for any free port.
            orleans.Services.AddOptions<EndpointOptions>().PostConfigure<IOptions<SiloOptions>>((endpoint, options) =>
                endpoint.SiloPort = options.Value.SiloPort == 0 ? FreePort() : options.Value.SiloPort);
            orleans.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GrainRuntimeOptions>>((collection, runtime) =>
            {
                collection.CollectionAge = runtime.Value.CollectionAge;
                collection.CollectionQuantum = runtime.Value.CollectionQuantum;
            });
            orleans.AddIncomingGrainCallFilter<CallChainFilter>();
            orleans.AddOutgoingGrainCallFilter<CallChainFilter>();
            orleans.AddReminders();
            // For operators: every silo, grain type and call rate at /dashboard, for administrators only.
            orleans.AddDashboard();
            orleans.Services.AddSingleton<Orleans.IReminderTable>(sp => new GrainReminderTable(sp.GetRequiredService<IDeadlineTable>()));
        });
        return builder;
    }

    /// <summary>The feed that carries read-model changes between the silos of a Redis cluster (none for one silo).</summary>
    public static IServiceCollection AddClusterFeed(this IServiceCollection services, StorageKind storage)
    {
        if (storage == StorageKind.Redis)
        {
            services.AddSingleton(sp => new RedisClusterFeed(
                RedisStorageOptions.From(sp.GetRequiredService<IOptions<SiloOptions>>().Value.Redis, sp.GetRequiredService<IConfiguration>()),
                sp.GetRequiredService<ILogger<RedisClusterFeed>>()));
            services.AddSingleton<IClusterFeed>(sp => sp.GetRequiredService<RedisClusterFeed>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisClusterFeed>());
        }
        else
        {
            services.AddSingleton<IClusterFeed, LocalFeed>();
        }
        return services;
    }

    /// <summary>
    /// Orleans' defaults take 7–9 s to declare a killed silo dead and over a minute for a frozen one; a dispatch centre
    /// wants its grains back in seconds. Probes time out after 1 s, two missed ones suspect a silo, and a connection that
    /// saw traffic lately no longer holds the votes back (a frozen process keeps its sockets open). The configuration
    /// section Cluster:Membership (Orleans' ClusterMembershipOptions) overrides any of them.
    /// </summary>
    private static void TuneMembership(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        o.EnableConnectionLivenessCheck = false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
