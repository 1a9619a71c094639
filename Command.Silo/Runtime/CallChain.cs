namespace Command.Silo.Runtime;

/// <summary>The grains waiting on the current async flow, innermost first. It flows with the ExecutionContext,
/// which is how a call from inside a grain turn knows who is waiting for it.</summary>
internal sealed class CallChain(GrainActivation activation, CallChain? outer)
{
    private static readonly AsyncLocal<CallChain?> current = new();

    public static CallChain? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    public GrainActivation Activation { get; } = activation;
    public CallChain? Outer { get; } = outer;

    public bool Contains(GrainActivation activation)
    {
        for (var link = this; link is not null; link = link.Outer)
        {
            if (ReferenceEquals(link.Activation, activation))
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString()
    {
        var ids = new List<string>();
        for (var link = this; link is not null; link = link.Outer)
        {
            ids.Add(link.Activation.Id.ToString());
        }
        ids.Reverse();
        return string.Join(" → ", ids);
    }
}
