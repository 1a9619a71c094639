namespace Command.Silo.Patrols;

/// <summary>The team now answers to the callsign whose <see cref="Callsigns.Key"/> is <paramref name="Key"/>; the one it had is free.</summary>
public sealed record CallsignClaimed(string TeamId, string Key) : CallsignEvent;
