using Command.Abstractions.Incidents;
using Command.Silo.Cluster;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Command.Tests.Cluster;

/// <summary>Two silos on one store, the second deaf to the first: what its lists show before and after the reload
/// the cluster feed runs once it knows it missed changes.</summary>
public sealed class ReadModelReloadTests
{
    [Fact]
    public async Task ASiloThatMissedAnotherSilosChangesListsThemAfterItReloads()
    {
        var store = new MemoryStore();
        var feed = new MissedFeed();
        await using var deaf = new CommandApp(store, services: s => s.Replace(ServiceDescriptor.Singleton<IClusterFeed>(feed)));
        var deafApi = deaf.Api();
        await deafApi.GetAsync("/healthz");
        var before = await deaf.CreateIncident(deafApi, type: "publicOrder");
        await using var other = new CommandApp(store, time: deaf.Time);
        var otherApi = other.Api();
        var missed = await other.CreateIncident(otherApi, type: "traffic", channel: 122);

        Assert.DoesNotContain(await CommandApp.Get<List<IncidentSummary>>(deafApi, "/api/incidents"), i => i.Id == missed.Id);

        await feed.ReloadAsync();
        var listed = await CommandApp.Get<List<IncidentSummary>>(deafApi, "/api/incidents");
        Assert.Contains(listed, i => i.Id == missed.Id && i.Type == IncidentType.Traffic);
        Assert.Single(listed, i => i.Id == before.Id);
    }
}
