using System.Text.Json.Serialization;

namespace Command.Silo.Incidents;

[JsonDerivedType(typeof(NumberIssued), "numberIssued")]
public abstract record RegisterEvent;
