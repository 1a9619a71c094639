namespace Command.Silo.Jurisdictions;

public sealed record HandoverNoteRequest(string? Text);
