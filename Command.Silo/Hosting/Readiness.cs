namespace Command.Silo.Hosting;

/// <summary>Whether the silo has loaded its state and may serve; /healthz reads it.</summary>
public sealed class Readiness
{
    private volatile string? notReady = "starting";

    public bool IsReady => notReady is null;

    public string? Reason => notReady;

    public void MarkReady() => notReady = null;

    public void MarkNotReady(string reason) => notReady = reason;
}
