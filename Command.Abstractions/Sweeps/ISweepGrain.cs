using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>
/// The 排查 schedule of one township or village, keyed by its jurisdiction id: one report per period (a 零报告 when
/// nothing was found), a 逾期未报 mark for a period that ended without one, escalated to the parent level. It holds no
/// deadline of its own, so thousands of villages cost nothing while idle: the city's <see cref="ISweepClockGrain"/>
/// wakes each at the end of its period.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Reports for the previous period when that one ended unreported (迟报), else for the current period.</summary>
    Task<SweepHistory> Submit(SweepSubmission submission, string actor);

    Task<SweepHistory> Get();

    /// <summary>Marks every period that ended unreported since <paramref name="since"/> as 逾期未报 and escalates it;
    /// calling it again changes nothing.</summary>
    Task CatchUp(DateTimeOffset since);
}
