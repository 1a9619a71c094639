using Command.Abstractions.Runtime;

namespace Command.Silo.Runtime;

internal sealed class GrainFactory(GrainCatalog catalog, GrainTypeRegistry types, ILogger<GrainFactory> logger) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return GrainProxy.Create<TGrain>(catalog, new GrainId(types.NameOf(typeof(TGrain)), key), logger);
    }

    /// <summary>A reference from a stored grain id, as reminders need.</summary>
    public IRemindable GetRemindable(GrainId id) =>
        (IRemindable)typeof(GrainProxy).GetMethod(nameof(GrainProxy.Create), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(types.InterfaceOf(id.Type))
            .Invoke(null, [catalog, id, logger])!;
}
