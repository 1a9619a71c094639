using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

public sealed record TeamCommissioned(TeamDefinition Definition) : TeamEvent;
