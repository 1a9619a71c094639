using System.Text.Json;
using System.Threading.Channels;
using Command.Abstractions.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Tests.Support;

/// <summary>
/// A console's connection to /hubs/command through the .NET SignalR client, over a WebSocket as a browser's is.
/// Every server invocation of an <see cref="IConsoleClient"/> method is kept in order, so a test can look for one
/// event or check every message it was sent.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const string Path = "hubs/command";

    private readonly HubConnection connection;
    private readonly Channel<HubMessage> messages = Channel.CreateUnbounded<HubMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly List<HubMessage> received = [];
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int nextInvocation;

    private HubClient(HubConnection connection)
    {
        this.connection = connection;
        // The client runs handlers one at a time in the order the frames arrived, so the list keeps the server's order.
        foreach (string target in typeof(IConsoleClient).GetMethods().Select(m => m.Name))
        {
            connection.On(target, [typeof(JsonElement)], arguments =>
            {
                var argument = (JsonElement)arguments[0]!;
                var message = new HubMessage(target, argument, $"{{\"type\":1,\"target\":{JsonSerializer.Serialize(target)},\"arguments\":[{argument.GetRawText()}]}}");
                lock (received)
                {
                    received.Add(message);
                }
                messages.Writer.TryWrite(message);
                return Task.CompletedTask;
            });
        }
        connection.Closed += _ =>
        {
            messages.Writer.TryComplete();
            closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Everything the server has invoked on this connection so far, in order.</summary>
    public IReadOnlyList<HubMessage> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Completes when the connection has closed, whether or not every invocation on it was read.</summary>
    public Task Closed => closed.Task;

    /// <summary>Connects through the in-memory test server with a bearer token.</summary>
    public static Task<HubClient> ConnectAsync(CommandApp app, string token) =>
        StartAsync(new Uri(app.Server.BaseAddress, Path), token, o => o.WebSocketFactory = async (context, cancellationToken) =>
        {
            var client = app.Server.CreateWebSocketClient();
            client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
            return await client.ConnectAsync(context.Uri, cancellationToken);
        });

    /// <summary>As a browser connects: a browser cannot set headers on a WebSocket, so the token travels in the
    /// access_token query of the hub's address.</summary>
    public static Task<HubClient> ConnectWithQueryTokenAsync(CommandApp app, string token) =>
        StartAsync(new Uri(app.Server.BaseAddress, Path + "?access_token=" + Uri.EscapeDataString(token)), null, o => o.WebSocketFactory = async (context, cancellationToken) =>
            await app.Server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken));

    /// <summary>The same over a real socket, to a silo process (or a proxy in front of several) at <paramref name="baseAddress"/>.</summary>
    public static Task<HubClient> ConnectAsync(Uri baseAddress, string token) => StartAsync(new Uri(baseAddress, Path), token, _ => { });

    private static async Task<HubClient> StartAsync(Uri url, string? token, Action<HttpConnectionOptions> configure)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                // Straight to the WebSocket, as the console does: behind a proxy in front of several silos a negotiate
                // answered by one silo names a connection the next request's silo does not know.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = token is null ? null : () => Task.FromResult<string?>(token);
                configure(o);
            })
            .Build();
        var client = new HubClient(connection);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await connection.StartAsync(timeout.Token);
            // SignalR completes the handshake before the hub's OnConnectedAsync has put the connection in its group, but
            // reads invocations only after it: the answer to any call (here an error, for a method that does not
            // exist) means events sent from now on reach this connection.
            await client.InvokeAsync("ConnectedBarrier");
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a hub method and returns its completion as the JSON protocol frames it: a "result", or an
    /// "error" for a HubException.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] arguments)
    {
        string id = Interlocked.Increment(ref nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string outcome;
        try
        {
            object? result = await connection.InvokeCoreAsync(method, typeof(JsonElement), arguments).WaitAsync(Eventually.Guard);
            outcome = result is JsonElement value ? $"\"result\":{value.GetRawText()}" : "\"result\":null";
        }
        catch (HubException ex)
        {
            outcome = $"\"error\":{JsonSerializer.Serialize(ex.Message)}";
        }
        using var completion = JsonDocument.Parse($"{{\"type\":3,\"invocationId\":\"{id}\",{outcome}}}");
        return completion.RootElement.Clone();
    }

    /// <summary>The next server invocation, or null when none arrives within <paramref name="quiet"/>.</summary>
    public async Task<HubMessage?> NextAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            return await messages.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads invocations until one of <paramref name="target"/> whose first argument matches arrives, and
    /// returns that argument; <paramref name="seen"/> is told of every invocation read on the way.</summary>
    public async Task<JsonElement> ReceiveAsync(string target, Func<JsonElement, bool> match, Action<HubMessage>? seen = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Eventually.Guard)
        {
            if (await NextAsync(Eventually.Guard - clock.Elapsed) is not { } message)
            {
                break;
            }
            seen?.Invoke(message);
            if (message.Target == target && match(message.Argument))
            {
                return message.Argument;
            }
        }
        throw new Xunit.Sdk.XunitException($"No {target} matching the test arrived within {Eventually.Guard.TotalSeconds} s.");
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}

/// <summary>One server-to-client invocation: the client method, its (single) argument, and the invocation as the JSON
/// protocol frames it (the argument exactly as received).</summary>
public sealed record HubMessage(string Target, JsonElement Argument, string Frame);
