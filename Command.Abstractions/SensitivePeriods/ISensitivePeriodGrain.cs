using Orleans;

namespace Command.Abstractions.SensitivePeriods;

/// <summary>The city's 敏感时期 calendar: one grain, keyed by the city's id, so declarations never overlap.</summary>
public interface ISensitivePeriodGrain : IGrainWithStringKey
{
    Task<SensitivePeriodView> Declare(SensitivePeriodDeclaration declaration, string actor);

    /// <summary>Ends a period early (or withdraws one not yet started).</summary>
    Task<SensitivePeriodView> End(string periodId, string actor);

    /// <summary>Every period, newest first.</summary>
    Task<IReadOnlyList<SensitivePeriodView>> List();

    /// <summary>The period in force now, if any.</summary>
    Task<SensitivePeriodView?> InForce();
}
