using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Tests.Support;

/// <summary>
/// A private redis-server on a free loopback port, owned by the test run and killed at its end. It never relies
/// on a system service. Without redis-server installed every Redis test fails with a message saying so: a Redis
/// suite that quietly skips would look green and prove nothing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<RedisServer> shared = new(() =>
    {
        var server = new RedisServer(persistent: false);
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        return server;
    });

    private readonly bool persistent;
    private readonly RedisServer? primary;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "command-redis-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    private RedisServer(bool persistent, RedisServer? primary = null)
    {
        this.persistent = persistent;
        this.primary = primary;
        Port = FreePort();
    }

    /// <summary>One server for the whole run, without persistence; tests keep apart by key prefix.</summary>
    public static RedisServer Shared => shared.Value;

    /// <summary>A server of a test's own, which it may stop and start. Its data is an AOF with appendfsync always,
    /// so it survives a kill of the server, as it must in production.</summary>
    public static RedisServer StartPersistent()
    {
        var server = new RedisServer(persistent: true);
        server.Start();
        return server;
    }

    /// <summary>A replica of <paramref name="primary"/>, for WAIT; it answers PING before it has synced.</summary>
    public static RedisServer StartReplicaOf(RedisServer primary)
    {
        var server = new RedisServer(persistent: false, primary);
        server.Start();
        return server;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public int ProcessId => process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    public static string Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "redis-server is not installed, and the Redis storage tests need it: apt-get install redis-server (bash .ci/test installs it when missing).");

    /// <summary>Starts the server (again, after <see cref="Kill"/>) on the same port and folder, and waits until it answers PING.</summary>
    public void Start()
    {
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", directory, "--save", "", "--loglevel", "warning",
            "--appendonly", persistent ? "yes" : "no", "--appendfsync", "always"])
        {
            start.ArgumentList.Add(arg);
        }
        if (primary is not null)
        {
            start.ArgumentList.Add("--replicaof");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add(primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!Answers())
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}:\n{Output}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>SIGKILL, as a crash of the server or of its machine would stop it.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            int read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
