using Orleans;
namespace Command.Abstractions.Access;

/// <summary>
/// Why the register did not issue a terminal's token: its issuer has issued their hourly share (<see cref="RetryAfter"/>
/// says when the oldest of those leaves the hour), or the team already has as many active terminal tokens as it may
/// (<see cref="TeamTokens"/> lists them, so one can be chosen to revoke).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceTokenRefusal(TimeSpan? RetryAfter, int IssuedInWindow, IReadOnlyList<Credential> TeamTokens);
