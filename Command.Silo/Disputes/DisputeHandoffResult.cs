namespace Command.Silo.Disputes;

/// <summary>The receiver's result; it closes the dispute (调解成功 or 调解不成).</summary>
public sealed record DisputeHandoffResult(int Number, bool Success, string Text) : DisputeEvent;
