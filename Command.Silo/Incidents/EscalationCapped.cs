using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Incidents;

/// <summary>A trigger that would take the case above its ceiling (小事不出村、大事不出乡、难事不出区): a leader must decide.</summary>
public sealed record EscalationCapped(string Trigger, string Reason, JurisdictionLevel Ceiling) : IncidentEvent;
