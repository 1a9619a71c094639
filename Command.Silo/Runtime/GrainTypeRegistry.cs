using System.Reflection;

namespace Command.Silo.Runtime;

/// <summary>Which class implements which grain interface, and under what stable type name.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, (Type Implementation, string Name)> byInterface = [];
    private readonly Dictionary<string, (Type Interface, Type Implementation)> byName = [];

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            Add(registration.Interface, registration.Implementation);
        }
    }

    public void Add(Type grainInterface, Type implementation)
    {
        string name = implementation.GetCustomAttribute<GrainTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{implementation.Name} needs a [GrainType] attribute.");
        if (!grainInterface.IsAssignableFrom(implementation) || !typeof(Grain).IsAssignableFrom(implementation))
        {
            throw new InvalidOperationException($"{implementation.Name} must derive from Grain and implement {grainInterface.Name}.");
        }
        byInterface[grainInterface] = (implementation, name);
        byName[name] = (grainInterface, implementation);
    }

    public string NameOf(Type grainInterface) =>
        byInterface.TryGetValue(grainInterface, out var entry) ? entry.Name
            : throw new InvalidOperationException($"No grain implements {grainInterface.Name}.");

    public Type ImplementationOf(string typeName) =>
        byName.TryGetValue(typeName, out var entry) ? entry.Implementation
            : throw new InvalidOperationException($"No grain type is named '{typeName}'.");

    public Type InterfaceOf(string typeName) =>
        byName.TryGetValue(typeName, out var entry) ? entry.Interface
            : throw new InvalidOperationException($"No grain type is named '{typeName}'.");
}
