namespace Command.Silo.Access;

/// <summary>Sign-in refused for now because of recent failures; answered 429 with Retry-After.</summary>
public sealed class TooManyAttemptsException(int retryAfterSeconds)
    : Exception($"Too many failed sign-ins from this address or for this username in the last minute; try again in {retryAfterSeconds} s.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
