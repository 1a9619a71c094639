using Command.Abstractions.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>The consoles' live feed. Clients only listen for now; everything they change goes through the HTTP API,
/// whose answers are the durable acknowledgement.</summary>
public sealed class CommandHub : Hub<IConsoleClient>
{
    public const string Path = "/hubs/command";
}
