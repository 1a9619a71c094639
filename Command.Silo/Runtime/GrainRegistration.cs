namespace Command.Silo.Runtime;

/// <summary>A grain class registered for an interface with AddGrain.</summary>
public sealed record GrainRegistration(Type Interface, Type Implementation);
