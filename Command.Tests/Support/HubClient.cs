using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Command.Tests.Support;

/// <summary>
/// A console's connection to /hubs/command speaking the SignalR JSON protocol over a raw WebSocket, as a browser does.
/// A background loop reads every frame: completions answer <see cref="InvokeAsync"/>, and every server invocation is
/// kept in order, so a test can look for one event or check every frame it was sent.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly WebSocket socket;
    private readonly CancellationTokenSource closing = new();
    private readonly Channel<HubMessage> messages = Channel.CreateUnbounded<HubMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> calls = new();
    private readonly List<HubMessage> received = [];
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reading;
    private int nextInvocation;

    private HubClient(WebSocket socket)
    {
        this.socket = socket;
        reading = Task.Run(ReadLoop);
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

    /// <summary>Opens the WebSocket with a bearer token and completes the protocol handshake.</summary>
    public static async Task<HubClient> ConnectAsync(CommandApp app, string token)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        return await HandshakeAsync(await client.ConnectAsync(new Uri(app.Server.BaseAddress, "hubs/command").ToWebSocket(), CancellationToken.None));
    }

    /// <summary>The same over a real socket, to a silo process (or a proxy in front of several) at <paramref name="baseAddress"/>.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new Uri(baseAddress, "hubs/command").ToWebSocket(), timeout.Token);
            return await HandshakeAsync(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<HubClient> HandshakeAsync(WebSocket socket)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        // The handshake answer is read here, before the loop starts, so no frame can slip past it.
        string handshake = (await ReadFramesAsync(socket, CancellationToken.None)).Single();
        Assert.True(handshake == "{}", $"The hub refused the handshake: {handshake}");
        var connected = new HubClient(socket);
        // SignalR answers the handshake before the hub's OnConnectedAsync has put the connection in its group, but
        // reads invocations only after it: the answer to any call (here an error, for a method that does not exist)
        // means events sent from now on reach this connection.
        await connected.InvokeAsync("ConnectedBarrier");
        return connected;
    }

    /// <summary>Calls a hub method and returns its completion frame: a "result", or an "error" for a HubException.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] arguments)
    {
        string id = Interlocked.Increment(ref nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        calls[id] = completion;
        string frame = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments });
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        return await completion.Task.WaitAsync(Eventually.Guard);
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

    private async Task ReadLoop()
    {
        try
        {
            while (!closing.IsCancellationRequested)
            {
                foreach (string frame in await ReadFramesAsync(socket, closing.Token))
                {
                    var root = JsonDocument.Parse(frame).RootElement.Clone();
                    switch (root.GetProperty("type").GetInt32())
                    {
                        case 1:
                            var message = new HubMessage(root.GetProperty("target").GetString()!, root.GetProperty("arguments")[0], frame);
                            lock (received)
                            {
                                received.Add(message);
                            }
                            messages.Writer.TryWrite(message);
                            break;
                        case 3 when root.TryGetProperty("invocationId", out var id) && calls.TryRemove(id.GetString()!, out var call):
                            call.TrySetResult(root);
                            break;
                        case 7:
                            return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            messages.Writer.TryComplete();
            closed.TrySetResult();
            foreach (var call in calls.Values)
            {
                call.TrySetException(new InvalidOperationException("The hub connection closed before the call completed."));
            }
        }
    }

    private static async Task<string[]> ReadFramesAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("The hub closed the connection.");
            }
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            await reading;
        }
        finally
        {
            socket.Abort();
            socket.Dispose();
            closing.Dispose();
        }
    }
}

/// <summary>One server-to-client invocation: the client method, its (single) argument, and the frame as sent.</summary>
public sealed record HubMessage(string Target, JsonElement Argument, string Frame);
