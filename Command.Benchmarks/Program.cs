using BenchmarkDotNet.Running;
using Command.Benchmarks.Load;

namespace Command.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>bench [options]</c> runs the load test (see <see cref="BenchCommand"/>); anything else is BenchmarkDotNet's own
    /// options, for example <c>--filter '*'</c> for all or <c>--filter '*Grain*'</c>.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["bench", ..])
        {
            return await BenchCommand.RunAsync(args[1..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
