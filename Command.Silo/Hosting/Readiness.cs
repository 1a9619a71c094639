namespace Command.Silo.Hosting;

/// <summary>Whether the silo may serve; /healthz and the request gate read it. Not until it has joined its cluster and
/// loaded its read models, and no longer once it is stopping, so a proxy in front moves to another silo first.</summary>
public sealed class Readiness
{
    private volatile string? notReady = "starting";

    public bool IsReady => notReady is null;

    public string? Reason => notReady;

    public void MarkReady() => notReady = null;

    public void MarkNotReady(string reason) => notReady = reason;
}
