using Command.Abstractions.Access;

namespace Command.Silo.Access;

public sealed record AuditRecorded(IReadOnlyList<AuditEntry> Entries) : AuditEvent;
