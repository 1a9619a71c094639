namespace Command.Silo.Hosting;

/// <summary>
/// Whether the silo may serve; /healthz and the request gate read it. Two parts: whether it has started (loaded its
/// state while holding the lease, and not lost the lease since), and whether serving is suspended for a while,
/// as when the lease cannot be confirmed because the store is out of reach.
/// </summary>
public sealed class Readiness
{
    private volatile string? notStarted = "starting";
    private volatile string? suspended;

    public bool IsReady => notStarted is null && suspended is null;

    public string? Reason => notStarted ?? suspended;

    public void MarkReady() => notStarted = null;

    /// <summary>Not serving until <see cref="MarkReady"/>: starting, standing by, or stopping for good.</summary>
    public void MarkNotReady(string reason) => notStarted = reason;

    public void Suspend(string reason) => suspended = reason;

    public void Resume() => suspended = null;
}
