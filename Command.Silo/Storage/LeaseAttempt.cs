namespace Command.Silo.Storage;

/// <summary>The outcome of trying to take the lease: taken, or held by <paramref name="Holder"/> for at most
/// <paramref name="Remaining"/> more unless it is renewed.</summary>
public sealed record LeaseAttempt(bool Acquired, string Holder, TimeSpan Remaining = default);
