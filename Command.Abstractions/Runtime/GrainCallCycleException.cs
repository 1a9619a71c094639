using Orleans;

namespace Command.Abstractions.Runtime;

/// <summary>
/// A grain call would wait on a grain that is already waiting on this call (A → B → A). Orleans would let it wait
/// until the response timeout; the call-chain filters refuse it at once instead.
/// </summary>
[GenerateSerializer]
public sealed class GrainCallCycleException : Exception
{
    public GrainCallCycleException(string target, string chain)
        : base($"Calling {target} from {chain} would re-enter it and deadlock.")
    {
        Target = target;
        Chain = chain;
    }

    [Id(0)]
    public string Target { get; private set; }

    [Id(1)]
    public string Chain { get; private set; }
}
