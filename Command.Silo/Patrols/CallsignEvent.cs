using System.Text.Json.Serialization;

namespace Command.Silo.Patrols;

[JsonDerivedType(typeof(CallsignClaimed), "claimed")]
public abstract record CallsignEvent;
