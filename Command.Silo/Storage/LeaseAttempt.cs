namespace Command.Silo.Storage;

/// <summary>The outcome of trying to take the lease: taken, or held by <paramref name="Holder"/>.</summary>
public sealed record LeaseAttempt(bool Acquired, string Holder);
