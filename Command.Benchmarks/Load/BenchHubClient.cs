using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Command.Benchmarks.Load;

/// <summary>
/// A console's hub connection as the bench needs it: a raw WebSocket speaking the SignalR JSON protocol (the .NET
/// SignalR client cannot be installed here). It notes when each incident first arrives and counts what it receives,
/// and looks only at the head of each frame, so that a 100 KB batch of positions costs it a few tokens, not a parse.
/// </summary>
public sealed class BenchHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private readonly ConcurrentDictionary<string, long> arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> calls = new(StringComparer.Ordinal);
    private Task reading = Task.CompletedTask;
    private Task pinging = Task.CompletedTask;
    private long incidents;
    private long lastIncidentTimestamp;
    private long moveBatches;
    private int nextCall;

    private BenchHubClient(ClientWebSocket socket) => this.socket = socket;

    /// <summary>IncidentChanged invocations received so far.</summary>
    public long IncidentsReceived => Interlocked.Read(ref incidents);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the latest IncidentChanged arrived.</summary>
    public long LastIncidentTimestamp => Interlocked.Read(ref lastIncidentTimestamp);

    public long MoveBatchesReceived => Interlocked.Read(ref moveBatches);

    /// <summary>Why the connection ended while the bench still needed it; null while it is healthy.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Opens the hub at <paramref name="path"/> as a browser does (the bearer token in the query), completes the
    /// handshake, and waits until the server has run OnConnectedAsync, so events sent from then on reach it.</summary>
    public static async Task<BenchHubClient> ConnectAsync(Uri silo, string path, string token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(silo) { Scheme = silo.Scheme == "https" ? "wss" : "ws", Path = path, Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        var client = new BenchHubClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        string handshake = await ReadHandshakeAsync(socket, cancellationToken);
        if (handshake != "{}")
        {
            socket.Dispose();
            throw new InvalidOperationException($"The hub at {path} refused the handshake: {handshake}");
        }
        client.reading = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        client.pinging = Task.Run(client.PingLoopAsync, CancellationToken.None);
        // SignalR answers the handshake before OnConnectedAsync has joined the group, but reads invocations only after
        // it: the answer to any call (an error, for a method that does not exist) means the connection is in its group.
        await client.InvokeAsync("BenchBarrier").WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return client;
    }

    public bool TryGetArrival(string incidentId, out long timestamp) => arrivals.TryGetValue(incidentId, out timestamp);

    private async Task InvokeAsync(string method)
    {
        string id = Interlocked.Increment(ref nextCall).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        calls[id] = completion;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = Array.Empty<object>() }));
        await completion.Task;
    }

    private async Task SendAsync(string record)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(record + (char)RecordSeparator);
        await sending.WaitAsync(closing.Token);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, closing.Token);
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task<string> ReadHandshakeAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The hub closed the connection during the handshake: {result.CloseStatusDescription}");
            }
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray()).TrimEnd((char)RecordSeparator);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException($"The hub closed the connection: {result.CloseStatus} {result.CloseStatusDescription}");
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    HandleMessage(message.GetBuffer().AsSpan(0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (closing.IsCancellationRequested && ex is OperationCanceledException or WebSocketException)
        {
        }
        catch (Exception ex)
        {
            Failure = ex;
        }
        finally
        {
            foreach (var call in calls.Values)
            {
                call.TrySetException(Failure ?? new WebSocketException("The hub connection closed."));
            }
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(PingEvery, closing.Token);
                await SendAsync("{\"type\":6}");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private void HandleMessage(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int end = data.IndexOf(RecordSeparator);
            var record = end < 0 ? data : data[..end];
            data = end < 0 ? default : data[(end + 1)..];
            if (!record.IsEmpty)
            {
                HandleRecord(record);
            }
        }
    }

    private void HandleRecord(ReadOnlySpan<byte> record)
    {
        var (type, target, invocationId) = ReadHead(record);
        switch (type)
        {
            case 1 when target == "IncidentChanged":
                long now = Stopwatch.GetTimestamp();
                using (var document = JsonDocument.Parse(record.ToArray()))
                {
                    arrivals.TryAdd(document.RootElement.GetProperty("arguments")[0].GetProperty("id").GetString()!, now);
                }
                Interlocked.Exchange(ref lastIncidentTimestamp, now);
                Interlocked.Increment(ref incidents);
                break;
            case 1 when target == "TeamsMoved":
                Interlocked.Increment(ref moveBatches);
                break;
            case 3 when invocationId is not null && calls.TryRemove(invocationId, out var call):
                call.TrySetResult();
                break;
            case 7:
                throw new WebSocketException("The hub sent a close message: " + Encoding.UTF8.GetString(record));
        }
    }

    /// <summary>The frame's type, target and invocation id, read from the top-level properties until the arguments
    /// (SignalR writes them first), so the arguments themselves are never read.</summary>
    private static (int Type, string? Target, string? InvocationId) ReadHead(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        int type = 0;
        string? target = null, invocationId = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (0, null, null);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8))
            {
                break;
            }
            bool isType = reader.ValueTextEquals("type"u8), isTarget = reader.ValueTextEquals("target"u8), isId = reader.ValueTextEquals("invocationId"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.Number)
            {
                type = reader.GetInt32();
            }
            else if (isTarget)
            {
                target = reader.GetString();
            }
            else if (isId)
            {
                invocationId = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return (type, target, invocationId);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            await Task.WhenAll(reading, pinging);
        }
        finally
        {
            socket.Abort();
            socket.Dispose();
            sending.Dispose();
            closing.Dispose();
        }
    }
}
