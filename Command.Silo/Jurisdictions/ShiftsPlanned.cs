using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Jurisdictions;

/// <summary>The roster's shifts from <see cref="From"/> on were replaced by <see cref="Shifts"/>; those that had
/// started by then are kept as they were.</summary>
public sealed record ShiftsPlanned(DateTimeOffset From, IReadOnlyList<DutyShift> Shifts) : JurisdictionEvent;
