namespace Command.Silo.Jurisdictions;

/// <summary>A 交班留言 was written; who and when are the journal entry's own.</summary>
public sealed record HandoverNoteWritten(string Text) : JurisdictionEvent;
