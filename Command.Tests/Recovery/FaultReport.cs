using Xunit.Abstractions;

namespace Command.Tests.Recovery;

/// <summary>The fault tests' measurements: in the test output, and appended to the file COMMAND_FAULT_REPORT names
/// (`.ci/fault` prints that file at the end).</summary>
public static class FaultReport
{
    public static async Task WriteAsync(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("COMMAND_FAULT_REPORT") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, line + Environment.NewLine);
        }
    }
}
