using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Benchmarks.Load;

/// <summary>
/// A console's hub connection as the bench needs it, through the .NET SignalR client over a WebSocket. It notes when
/// each incident first arrives and counts what it receives. An incident is read only as far as its id and a batch of
/// positions not at all, so that a 100 KB batch costs the client a scan, not a tree of objects.
/// </summary>
public sealed class BenchHubClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly ConcurrentDictionary<string, long> arrivals = new(StringComparer.Ordinal);
    private long incidents;
    private long lastIncidentTimestamp;
    private long moveBatches;
    private volatile bool disposing;

    private BenchHubClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<IncidentHead>("IncidentChanged", incident =>
        {
            long now = Stopwatch.GetTimestamp();
            arrivals.TryAdd(incident.Id, now);
            Interlocked.Exchange(ref lastIncidentTimestamp, now);
            Interlocked.Increment(ref incidents);
        });
        connection.On<Unread>("TeamsMoved", _ => Interlocked.Increment(ref moveBatches));
        connection.Closed += ex =>
        {
            if (!disposing)
            {
                Failure = ex ?? new InvalidOperationException("The hub closed the connection.");
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>IncidentChanged invocations received so far.</summary>
    public long IncidentsReceived => Interlocked.Read(ref incidents);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the latest IncidentChanged arrived.</summary>
    public long LastIncidentTimestamp => Interlocked.Read(ref lastIncidentTimestamp);

    public long MoveBatchesReceived => Interlocked.Read(ref moveBatches);

    /// <summary>Why the connection ended while the bench still needed it; null while it is healthy.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Opens the hub at <paramref name="path"/> with a bearer token and waits until the server has run
    /// OnConnectedAsync, so events sent from then on reach it.</summary>
    public static async Task<BenchHubClient> ConnectAsync(Uri silo, string path, string token, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(silo, path), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // The consoles share the two cores with the silo and its load; a keep-alive ping late under that load must not
        // end a console and read as a broken part.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new BenchHubClient(connection);
        try
        {
            await connection.StartAsync(cancellationToken);
            // SignalR answers the handshake before OnConnectedAsync has joined the group, but reads invocations only
            // after it: the answer to any call (an error, for a method that does not exist) means the connection is in
            // its group.
            try
            {
                await connection.InvokeAsync("BenchBarrier", cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (HubException)
            {
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public bool TryGetArrival(string incidentId, out long timestamp) => arrivals.TryGetValue(incidentId, out timestamp);

    public async ValueTask DisposeAsync()
    {
        disposing = true;
        await connection.DisposeAsync();
    }

    /// <summary>The one field of an incident summary the bench needs; the client skips the rest unread.</summary>
    private sealed record IncidentHead(string Id);

    /// <summary>An argument the bench only counts: its JSON is skipped, never bound.</summary>
    [JsonConverter(typeof(UnreadConverter))]
    private sealed class Unread
    {
        public static readonly Unread Instance = new();
    }

    private sealed class UnreadConverter : JsonConverter<Unread>
    {
        public override Unread Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return Unread.Instance;
        }

        public override void Write(Utf8JsonWriter writer, Unread value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The bench never sends a batch of positions.");
    }
}
