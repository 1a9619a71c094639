using Orleans;
namespace Command.Abstractions.Access;

/// <summary>How many active terminal tokens one team may hold, and how many one person may issue in <see cref="Window"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceTokenLimits(int PerTeam, int PerIssuer, TimeSpan Window);
