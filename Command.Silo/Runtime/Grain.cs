using Command.Abstractions.Runtime;

namespace Command.Silo.Runtime;

/// <summary>
/// Base class of every grain. The runtime constructs the grain with its dependencies (primary constructor),
/// then binds it to its identity before the first call.
/// </summary>
public abstract class Grain
{
    private GrainRuntime? runtime;
    private GrainActivation? activation;

    protected GrainId GrainId => activation!.Id;

    protected string Key => activation!.Id.Key;

    protected IGrainFactory GrainFactory => runtime!.Factory;

    protected TimeProvider Time => runtime!.Time;

    internal GrainRuntime Runtime => runtime!;

    internal void Bind(GrainRuntime boundRuntime, GrainActivation boundActivation)
    {
        runtime = boundRuntime;
        activation = boundActivation;
    }

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called by the runtime after a call threw, before the next call runs.</summary>
    internal virtual void OnCallFailed()
    {
    }

    /// <summary>
    /// A timer whose callback runs as a turn of this grain, never alongside a call. Timers live as long as the
    /// activation and do not keep it alive; use a reminder for anything that must survive a restart.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period) =>
        runtime!.Catalog.RegisterTimer(activation!, callback, dueTime, period);

    /// <summary>Registers a durable reminder, replacing any of the same name. It is on disk when the task completes.</summary>
    protected Task RegisterOrUpdateReminder(string name, DateTimeOffset dueAt, TimeSpan? period = null) =>
        runtime!.Reminders.RegisterAsync(new Storage.ReminderEntry(activation!.Id.ToString(), name, dueAt, period));

    protected Task UnregisterReminder(string name) => runtime!.Reminders.UnregisterAsync(activation!.Id.ToString(), name);

    /// <summary>Deactivates this grain once the current call finishes.</summary>
    protected void DeactivateOnIdle() => activation!.DeactivateRequested = true;
}
