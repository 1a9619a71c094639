using System.Net;
using System.Net.Sockets;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Command.Silo.Hosting;

public static class GrainHostingExtensions
{
    /// <summary>
    /// Co-hosts an Orleans silo on the web host: localhost clustering (one machine, nothing else installed), no client
    /// gateway (the API and hub call grains in process), reminders in the project's own store, and the call-chain
    /// filters. Hosted services registered before this start before Orleans; those after it find the grains running.
    /// </summary>
    public static TBuilder AddGrains<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<GrainRuntimeOptions>(builder.Configuration.GetSection("Runtime"));
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(gatewayPort: 0);
            // Read from the options, not the command line, so a test host can ask for any free port.
            orleans.Services.AddOptions<EndpointOptions>().PostConfigure<IOptions<SiloOptions>>((endpoint, options) =>
                endpoint.SiloPort = options.Value.SiloPort == 0 ? FreePort() : options.Value.SiloPort);
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "command";
                o.ServiceId = "command";
            });
            orleans.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GrainRuntimeOptions>>((collection, runtime) =>
            {
                collection.CollectionAge = runtime.Value.CollectionAge;
                collection.CollectionQuantum = runtime.Value.CollectionQuantum;
            });
            orleans.AddIncomingGrainCallFilter<CallChainFilter>();
            orleans.AddOutgoingGrainCallFilter<CallChainFilter>();
            orleans.AddReminders();
            orleans.Services.AddSingleton<Orleans.IReminderTable>(sp => new GrainReminderTable(sp.GetRequiredService<Storage.IDeadlineTable>()));
        });
        return builder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
