using Command.Abstractions.SensitivePeriods;

namespace Command.Silo.SensitivePeriods;

public sealed record SensitivePeriodDeclared(string PeriodId, SensitivePeriodDeclaration Declaration) : SensitivePeriodEvent;
