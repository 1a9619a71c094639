using Command.Abstractions.SensitivePeriods;

namespace Command.Silo.SensitivePeriods;

public sealed record SensitivePeriodRecord(string Id, SensitivePeriodDeclaration Declaration, string DeclaredBy, DateTimeOffset DeclaredAt)
{
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndedBy { get; init; }
    public bool Started { get; init; }
    public bool Lapsed { get; init; }

    public DateTimeOffset Until => EndedAt is { } ended && ended < Declaration.To ? ended : Declaration.To;

    public SensitivePeriodView ToView(DateTimeOffset now) => new(Id, Declaration.Name, Declaration.From, Declaration.To, Declaration.Reason,
        DeclaredBy, DeclaredAt, EndedAt, EndedBy, Declaration.From <= now && now < Until);
}
