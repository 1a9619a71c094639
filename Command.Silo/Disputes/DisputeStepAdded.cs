namespace Command.Silo.Disputes;

public sealed record DisputeStepAdded(string Text) : DisputeEvent;
