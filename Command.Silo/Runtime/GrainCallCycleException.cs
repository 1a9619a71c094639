namespace Command.Silo.Runtime;

/// <summary>A call would wait for a grain that is already waiting further up the same call chain.
/// Grains are not reentrant, so that call could never run; failing fast beats a silent deadlock.</summary>
public sealed class GrainCallCycleException(GrainId target, string chain)
    : InvalidOperationException($"Call to {target} would re-enter it (call chain: {chain}). Grains are not reentrant; make the call [OneWay] or restructure it.");
