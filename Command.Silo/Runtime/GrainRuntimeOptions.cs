namespace Command.Silo.Runtime;

/// <summary>The grain settings an operator may change (configuration section "Runtime").</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation that has had no call for this long is deactivated (Orleans' default is 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A deadline whose handling threw is tried again after this long.</summary>
    public TimeSpan DeadlineRetry { get; set; } = TimeSpan.FromSeconds(10);
}
