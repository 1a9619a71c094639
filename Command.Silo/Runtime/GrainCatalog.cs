using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Command.Silo.Runtime;

/// <summary>
/// The activation directory and the turn scheduler. Every call, timer tick and reminder runs through
/// <see cref="RunAsync{T}"/>, which activates the grain on first use and holds the grain's turn lock for the whole call.
/// </summary>
internal sealed class GrainCatalog(
    GrainTypeRegistry types,
    IServiceProvider services,
    TimeProvider time,
    IOptions<GrainRuntimeOptions> options,
    ILogger<GrainCatalog> logger)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> activations = new();
    private GrainRuntime? runtime;

    internal void Attach(GrainRuntime grainRuntime) => runtime = grainRuntime;

    /// <param name="detached">True for work that does not belong to the caller's chain (one-way calls, timers,
    /// reminders): it waits its turn like any call instead of counting as re-entry.</param>
    public async Task<T> RunAsync<T>(GrainId id, Func<Grain, Task<T>> body, bool detached = false)
    {
        var outer = detached ? null : CallChain.Current;
        while (true)
        {
            var activation = activations.GetOrAdd(id, Create);
            if (outer is not null && outer.Contains(activation))
            {
                throw new GrainCallCycleException(id, outer.ToString());
            }

            await activation.EnterAsync().ConfigureAwait(false);
            try
            {
                if (activation.IsDeactivated)
                {
                    continue; // lost a race with idle collection: go round for a fresh activation
                }
                CallChain.Current = new CallChain(activation, outer);
                if (!activation.IsActivated)
                {
                    await ActivateAsync(activation).ConfigureAwait(false);
                }
                activation.LastCallTicks = time.GetTimestamp();
                try
                {
                    return await body(activation.Grain).ConfigureAwait(false);
                }
                catch
                {
                    activation.Grain.OnCallFailed();
                    throw;
                }
                finally
                {
                    if (activation.DeactivateRequested)
                    {
                        await DeactivateAsync(activation).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                activation.Exit();
            }
        }
    }

    public IDisposable RegisterTimer(GrainActivation activation, Func<Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        GrainTimer? timer = null;
        timer = new GrainTimer(time, dueTime, period, async () =>
        {
            if (activation.IsDeactivated || !ReferenceEquals(activations.GetValueOrDefault(activation.Id), activation))
            {
                timer!.Dispose();
                return;
            }
            try
            {
                await RunAsync<bool>(activation.Id, async _ => { await callback().ConfigureAwait(false); return true; }, detached: true).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Timer of {Grain} threw", activation.Id);
            }
        }, () => activation.RemoveTimer(timer!));
        activation.AddTimer(timer);
        return timer;
    }

    /// <summary>Deactivates every activation idle for at least <paramref name="idleFor"/>; busy ones are left for next time.</summary>
    public async Task<int> CollectIdleAsync(TimeSpan idleFor)
    {
        int collected = 0;
        foreach (var activation in activations.Values)
        {
            if (time.GetElapsedTime(activation.LastCallTicks) < idleFor || !activation.TryEnter())
            {
                continue;
            }
            try
            {
                if (!activation.IsDeactivated && time.GetElapsedTime(activation.LastCallTicks) >= idleFor)
                {
                    await DeactivateAsync(activation).ConfigureAwait(false);
                    collected++;
                }
            }
            finally
            {
                activation.Exit();
            }
        }
        return collected;
    }

    /// <summary>Deactivates everything, as on shutdown.</summary>
    public Task DeactivateAllAsync() => CollectIdleAsync(TimeSpan.Zero);

    public Task CollectIdleAsync() => CollectIdleAsync(options.Value.CollectionAge);

    private GrainActivation Create(GrainId id)
    {
        var grain = (Grain)ActivatorUtilities.CreateInstance(services, types.ImplementationOf(id.Type));
        var activation = new GrainActivation(id, grain) { LastCallTicks = time.GetTimestamp() };
        grain.Bind(runtime ?? throw new InvalidOperationException("The grain runtime is not started."), activation);
        return activation;
    }

    private async Task ActivateAsync(GrainActivation activation)
    {
        try
        {
            await activation.Grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            activation.IsActivated = true;
        }
        catch
        {
            // A grain that cannot load its state must not serve calls from a half-built state.
            activation.IsDeactivated = true;
            activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));
            throw;
        }
    }

    private async Task DeactivateAsync(GrainActivation activation)
    {
        activation.IsDeactivated = true;
        activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));
        activation.DisposeTimers();
        if (activation.IsActivated)
        {
            try
            {
                await activation.Grain.OnDeactivateAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Deactivation of {Grain} threw", activation.Id);
            }
        }
    }
}
