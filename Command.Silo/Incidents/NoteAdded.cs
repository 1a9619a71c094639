namespace Command.Silo.Incidents;

/// <summary>续报/补充: a duty officer adds what they learnt after intake.</summary>
public sealed record NoteAdded(string Text) : IncidentEvent;
