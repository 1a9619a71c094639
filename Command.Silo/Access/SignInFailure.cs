namespace Command.Silo.Access;

/// <summary>A failed sign-in, as the other silos of the cluster hear of it.</summary>
public sealed record SignInFailure(string Address, string Username, DateTimeOffset At);
