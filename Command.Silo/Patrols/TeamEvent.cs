using System.Text.Json.Serialization;
using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

/// <summary>What the journal of a team records. Positions are telemetry and never appear here.</summary>
[JsonDerivedType(typeof(TeamCommissioned), "commissioned")]
[JsonDerivedType(typeof(TeamStatusChanged), "statusChanged")]
public abstract record TeamEvent;
