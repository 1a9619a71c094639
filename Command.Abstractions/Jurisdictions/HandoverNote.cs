using Orleans;

namespace Command.Abstractions.Jurisdictions;

/// <summary>交班留言: what the outgoing desk tells the next shift (cases to watch, promises made, things to chase),
/// written at <see cref="At"/> by <see cref="By"/>. <see cref="Outgoing"/> is the shift covering that moment, if any,
/// and <see cref="Incoming"/> the next one planned, so the note sits at the change it was written for.</summary>
[GenerateSerializer, Immutable]
public sealed record HandoverNote(DateTimeOffset At, string By, string Text, DutyShift? Outgoing, DutyShift? Incoming);
