using Orleans;
namespace Command.Abstractions.Access;

/// <summary>
/// One line of the audit journal: when, what kind, who (a username, a terminal or "anonymous"), from where (the
/// client address), what they tried (method and path) and how it ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    DateTimeOffset At,
    string Kind,
    string Who,
    Role? Role,
    string? JurisdictionId,
    string? From,
    string What,
    string? Detail);
