using Command.Abstractions.Runtime;
using Orleans.Concurrency;

namespace Command.Silo.Runtime;

/// <summary>
/// Orleans has no call-cycle detection: a call A → B → A waits on A, which is busy waiting on B, until the response
/// timeout. Each grain call carries the chain of grains waiting on it in the request context; the outgoing side refuses
/// a call to a grain already in the chain at once. The check must be outgoing: the request that would close the cycle
/// sits queued behind the busy grain, where no incoming filter runs. One-way calls wait for nobody, so they carry no chain.
/// </summary>
internal sealed class CallChainFilter : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private const string ChainKey = "command.chain";
    private const string Separator = " → ";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        using (Begin(context.TargetId.ToString()))
        {
            await context.Invoke();
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var chain = RequestContext.Get(ChainKey) as string;
        if (chain is null)
        {
            await context.Invoke();
            return;
        }
        if (context.InterfaceMethod?.IsDefined(typeof(OneWayAttribute), inherit: true) == true)
        {
            RequestContext.Remove(ChainKey);
            try
            {
                await context.Invoke();
            }
            finally
            {
                RequestContext.Set(ChainKey, chain);
            }
            return;
        }
        string target = context.TargetId.ToString();
        if (chain.Split(Separator).Contains(target, StringComparer.Ordinal))
        {
            throw new GrainCallCycleException(target, chain);
        }
        await context.Invoke();
    }

    /// <summary>Puts a grain at the end of the chain until disposed: for calls, and for the work a grain starts on its
    /// own (timers, deadlines), which no incoming filter sees.</summary>
    public static IDisposable Begin(string grainId)
    {
        var outer = RequestContext.Get(ChainKey) as string;
        RequestContext.Set(ChainKey, outer is null ? grainId : outer + Separator + grainId);
        return new Restore(outer);
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose()
        {
            if (outer is null)
            {
                RequestContext.Remove(ChainKey);
            }
            else
            {
                RequestContext.Set(ChainKey, outer);
            }
        }
    }
}
