namespace Command.Silo.Hosting;

/// <summary>Why this silo declined to serve and stopped itself while starting: Program.cs prints it and exits with
/// the code. A stop in good order leaves the cluster cleanly, which a start that throws would not.</summary>
public sealed class StartRefusal
{
    /// <summary>Accounts still have the published demo password outside a development setting.</summary>
    public const int DemoPasswords = 4;

    private volatile Refusal? refusal;

    public sealed record Refusal(int ExitCode, string Message);

    public Refusal? Current => refusal;

    public void Refuse(int exitCode, string message) => refusal = new Refusal(exitCode, message);
}
