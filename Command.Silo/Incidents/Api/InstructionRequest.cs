namespace Command.Silo.Incidents.Api;

/// <summary>批示: what the leader writes.</summary>
public sealed record InstructionRequest(string? Text);
