namespace Command.Benchmarks.Load;

/// <summary>
/// <c>dotnet run -c Release --project Command.Benchmarks -- bench [options]</c>: measures what one machine carries, against
/// baselines run in the same process and the same run, prints the table and writes it under the results folder.
/// Exits 1 only when a part is broken (an exception, nothing got through, a console never received), never because a
/// number missed its goal: a noisy machine must not fail CI.
/// </summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["timers", ..])
        {
            return await TimerLatencyBench.RunAsync(args[1..]);
        }
        if (args is ["--help"] or ["-h"])
        {
            System.Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            System.Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var run = new BenchRun(options, BenchProgress.ForStandardError());
        var report = await run.RunAsync();
        System.Console.WriteLine();
        System.Console.Write(report.Markdown(run.Log));
        await report.WriteAsync(options.Results, run.Log);
        System.Console.WriteLine($"Written to {Path.GetFullPath(options.Results)}.");
        return report.IsBroken ? 1 : 0;
    }
}
