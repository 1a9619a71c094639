using System.Text.Json.Serialization;

namespace Command.Silo.Jurisdictions;

[JsonDerivedType(typeof(TeamAttached), "teamAttached")]
[JsonDerivedType(typeof(IncidentOpened), "incidentOpened")]
[JsonDerivedType(typeof(IncidentClosed), "incidentClosed")]
[JsonDerivedType(typeof(RosterSet), "rosterSet")]
[JsonDerivedType(typeof(ShiftsPlanned), "shiftsPlanned")]
[JsonDerivedType(typeof(HandoverNoteWritten), "handoverNoteWritten")]
public abstract record JurisdictionEvent;
