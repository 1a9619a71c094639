using System.Text.Json.Serialization;

namespace Command.Silo.Access;

[JsonDerivedType(typeof(AuditRecorded), "auditRecorded")]
public abstract record AuditEvent;
