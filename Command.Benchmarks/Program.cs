using BenchmarkDotNet.Running;

namespace Command.Benchmarks;

public static class Program
{
    /// <summary>Pass BenchmarkDotNet's own options, for example <c>--filter '*'</c> for all or <c>--filter '*Grain*'</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
