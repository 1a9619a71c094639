using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Benchmarks.Load;

/// <summary>
/// A redis-server of the bench's own on a free loopback port, without persistence (the journal append and
/// redis-benchmark meet the same server, so the comparison holds whatever its fsync policy), killed when disposed.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly Process process;
    private readonly string directory;
    private int disposed;

    private PrivateRedis(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Endpoint = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string Endpoint { get; }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <param name="durable">An append-only file fsynced before every answer (<c>appendfsync always</c>), as in production.</param>
    public static async Task<PrivateRedis> StartAsync(bool durable = false)
    {
        string executable = Find("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server), or pass --redis HOST:PORT.");
        // A port the system just handed out and took back is free for the server to take.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        string directory = Path.Combine(Path.GetTempPath(), "command-bench-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--save", "", "--appendonly", durable ? "yes" : "no", "--appendfsync", "always", "--loglevel", "warning"])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new PrivateRedis(process, directory, port);
        // A bench stopped with Ctrl+C or SIGTERM skips its finally blocks; the server must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => redis.Dispose();
        var clock = Stopwatch.StartNew();
        while (!await AnswersAsync(port))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                redis.Dispose();
                throw new InvalidOperationException($"redis-server did not answer on port {port}.");
            }
            await Task.Delay(50);
        }
        return redis;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            int read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
