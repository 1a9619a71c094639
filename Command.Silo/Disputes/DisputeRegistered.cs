using Command.Abstractions.Disputes;

namespace Command.Silo.Disputes;

public sealed record DisputeRegistered(DisputeRegistration Registration) : DisputeEvent;
