using Microsoft.AspNetCore.SignalR;

namespace Command.Benchmarks.Load;

/// <summary>The fan-out baseline: a hub with no grains, no groups and no notifier behind it, mapped only in the bench's
/// silo. The bench sends it the same payload with <c>Clients.All</c>, the cheapest broadcast SignalR has.</summary>
public sealed class BareHub : Hub
{
    public const string Path = "/bench/bare-hub";
}
