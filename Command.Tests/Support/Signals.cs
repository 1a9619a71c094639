using System.Diagnostics;
using System.Globalization;

namespace Command.Tests.Support;

/// <summary>kill -SIGNAL for the processes the tests own: STOP freezes one as a long pause would, CONT wakes it.</summary>
public static class Signals
{
    public static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with exit code {kill.ExitCode}.");
        }
    }
}
