using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Command.Tests.Support;

/// <summary>
/// A real silo process on a loopback port, started from the silo's own build output, that a test can kill -9.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly string[] args;
    private readonly Dictionary<string, string> environment;
    private Process? process;
    private readonly System.Text.StringBuilder output = new();

    public SiloProcess(IEnumerable<string> args, Dictionary<string, string>? environment = null)
    {
        Port = FreePort();
        this.args = [.. args, "--urls", $"http://127.0.0.1:{Port}"];
        this.environment = environment ?? [];
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
    }

    public int Port { get; }

    public HttpClient Http { get; }

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

    public static string SiloDll
    {
        get
        {
            // Tests run from Command.Tests/bin/<Configuration>/net10.0; the silo builds to the same shape beside it.
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = testBin.Parent!.Name;
            string repo = testBin.Parent.Parent!.Parent!.Parent!.FullName;
            string dll = Path.Combine(repo, "Command.Silo", "bin", configuration, testBin.Name, "Command.Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the silo first: {dll} is missing.");
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The silo did not serve /healthz within 60 s:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like kill -9.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
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

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Http.Dispose();
    }
}
