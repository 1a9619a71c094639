using System.Net;
using System.Net.Sockets;

namespace Command.Tests.Support;

/// <summary>
/// What nginx does in front of an active and a standby silo, in a few lines: a TCP proxy on a loopback port that
/// sends each new connection to the first backend whose /healthz last answered 200, and copies bytes both ways.
/// Working on bytes, it carries HTTP and the hub's WebSocket alike; when the backend dies, its connections close, and
/// the client's reconnect lands on whichever silo serves by then. With no backend serving, a connection is closed at once.
/// </summary>
public sealed class FailoverProxy : IAsyncDisposable
{
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(200);

    private readonly TcpListener listener;
    private readonly IReadOnlyList<Func<int>> backends;
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly Task accepting;
    private readonly Task checking;
    private volatile int serving = -1;

    /// <param name="backends">The backends' ports, read at each check: a test may restart a silo on another port.</param>
    public FailoverProxy(params Func<int>[] backends)
    {
        this.backends = backends;
        listener = new TcpListener(IPAddress.Loopback, SiloProcess.FreePort());
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        checking = Task.Run(CheckLoop);
        accepting = Task.Run(AcceptLoop);
    }

    public Uri BaseAddress { get; }

    /// <summary>The port of the backend new connections go to, or -1 while none serves.</summary>
    public int Serving => serving;

    private async Task CheckLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            int found = -1;
            foreach (var backend in backends)
            {
                int port = backend();
                try
                {
                    using var response = await probe.GetAsync($"http://127.0.0.1:{port}/healthz", stopping.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        found = port;
                        break;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }
            }
            serving = found;
            try
            {
                await Task.Delay(HealthInterval, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        {
            int port = serving;
            if (port < 0)
            {
                return;
            }
            using var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, port, stopping.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                var down = CopyAsync(client.GetStream(), upstream.GetStream(), either.Token);
                var up = CopyAsync(upstream.GetStream(), client.GetStream(), either.Token);
                // One side closing ends the pair, as a proxy's connection to a dead backend ends the client's.
                await Task.WhenAny(down, up);
                await either.CancelAsync();
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
            }
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await Task.WhenAll(accepting, checking);
        probe.Dispose();
        stopping.Dispose();
    }
}
