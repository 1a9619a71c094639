namespace Command.Tests.Support;

/// <summary>
/// Waits for asynchronous work that a step set off (a grain turn, a push) to land. It does not measure time:
/// the deadline is only a guard against a hang, far above anything the work needs.
/// </summary>
public static class Eventually
{
    /// <summary>A minute: CI's 2-core machine has been seen at a load of 15–60, where a silo's turn can take seconds.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> until, string what, TimeSpan? guard = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        T value = await probe();
        while (!until(value))
        {
            if (clock.Elapsed > (guard ?? Guard))
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}; last value: {value}");
            }
            await Task.Delay(10);
            value = await probe();
        }
        return value;
    }

    public static Task True(Func<bool> condition, string what) =>
        Get(() => Task.FromResult(condition()), ok => ok, what);
}
