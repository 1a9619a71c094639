using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Command.Tests.Support;

/// <summary>
/// A real silo: the built Command.Silo.dll started with `dotnet`, on a loopback port, with its own SQLite folder, in the
/// tests' environment (Testing), so that --demo gives it the demo accounts.
/// Browser, recovery and rules tests talk to it exactly as a browser or a terminal on the intranet would. Ports come from
/// COMMAND_TEST_PORTS (e.g. "5180-5199") when set, otherwise from the operating system.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupGuard = TimeSpan.FromSeconds(90);
    private static readonly object portGate = new();
    private static readonly HashSet<int> handedOut = [];

    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiloProcess(Process process, int port, string dataDirectory)
    {
        this.process = process;
        Port = port;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public int ProcessId => process.Id;

    /// <summary>A client with the same credential as <paramref name="signedIn"/> but another base address (a proxy).</summary>
    public static HttpClient Through(Uri baseAddress, HttpClient signedIn)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>Whether /healthz answers 200 now; a refused or slow connection (a silo binding its port) is a no.</summary>
    public async Task<bool> IsServingAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends a signal: STOP freezes the silo as a long pause would, CONT wakes it.</summary>
    public void Signal(string signal) => Signals.Send(signal, process.Id);

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> ExitedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Anonymous: for /healthz and for checking what is refused without credentials.</summary>
    public HttpClient Http { get; }

    /// <summary>The administrator's password a silo without demo data printed on its first start; null when it printed none.</summary>
    public string? FirstAdminPassword =>
        System.Text.RegularExpressions.Regex.Match(Output, @"username: admin\s+password: (\S+)") is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>
    /// A signed-in client of a silo started with --no-demo: the user is created by the first-start administrator if it
    /// does not exist yet (a restarted silo keeps it), with a fixed test password.
    /// </summary>
    public async Task<HttpClient> StaffAsync(string username = "duty", string role = "dutyOfficer", string jurisdictionId = "371500")
    {
        const string password = "test-password-1";
        using (var probe = await Http.PostAsJsonAsync("api/auth/token", new { username, password }))
        {
            if (probe.IsSuccessStatusCode)
            {
                return await SignInAsync(username, password);
            }
        }
        var admin = await SignInAsync("admin", FirstAdminPassword ?? throw new InvalidOperationException("This silo printed no first-start administrator password."));
        using var created = await admin.PostAsJsonAsync("api/users", new { username, displayName = "测试" + username, role, jurisdictionId, password });
        if (!created.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Creating {username} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }
        return await SignInAsync(username, password);
    }

    /// <summary>A client with a bearer token of a demo user (or any user with <paramref name="password"/>).</summary>
    public async Task<HttpClient> SignInAsync(string username, string password = "demo-2026")
    {
        // Right after a silo of the cluster dies, the grains it held answer 503 ("请几秒钟后重试") until the membership
        // declares it dead; a client does what the answer says and tries again.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await Http.PostAsJsonAsync("api/auth/token", new { username, password });
        while (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2));
            response = await Http.PostAsJsonAsync("api/auth/token", new { username, password });
        }
        using var answered = response;
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Sign-in of {username} answered {(int)response.StatusCode}: {body}");
        }
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString());
        return client;
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

    /// <summary>Starts a silo on <paramref name="port"/> (a free one when null) over <paramref name="dataDirectory"/>
    /// (a new temporary folder when null) and waits until /healthz answers 200. <paramref name="configuration"/> entries are passed as environment variables
    /// (e.g. Dispatch__StaleAfter).</summary>
    public static async Task<SiloProcess> StartAsync(string? dataDirectory = null, int? port = null, IReadOnlyDictionary<string, string>? configuration = null,
        IReadOnlyList<string>? args = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("command-browser-").FullName;
        int chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloDll)!,
        };
        // Any free Orleans port unless the test names one (a silo restarted on its old endpoint replaces its dead self at once).
        string[] siloPort = args?.Contains("--silo-port") == true ? [] : ["--silo-port", "0"];
        foreach (var arg in new[] { SiloDll, "--urls", $"http://127.0.0.1:{chosen}", "--data", dataDirectory }.Concat(siloPort).Concat(args ?? []))
        {
            start.ArgumentList.Add(arg);
        }
        // The tests' development setting, where the demo accounts (and their published password) are allowed; a test
        // of a production start passes ASPNETCORE_ENVIRONMENT in configuration.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = Command.Silo.Demo.DemoUsers.TestingEnvironment;
        // Without --simulate the demo teams report once at start; keep them fresh enough to be recommended for
        // as long as a test run lasts.
        start.Environment["Dispatch__StaleAfter"] = "1.00:00:00";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var silo = new SiloProcess(process, chosen, dataDirectory);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilServingAsync();
        }
        catch
        {
            await silo.StopAsync();
            throw;
        }
        return silo;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            // Enough to explain a failed start; a chatty silo must not grow this without bound.
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                // Its last words (why it stopped) may still be in the pipe.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The silo exited with code {process.ExitCode} before serving on port {Port}:\n{Output}");
            }
            try
            {
                using var response = await probe.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (clock.Elapsed > StartupGuard)
            {
                throw new TimeoutException($"The silo on port {Port} did not answer /healthz 200 within {StartupGuard.TotalSeconds} s:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process, as a crash or a pulled plug would: what was acknowledged must survive it.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        Http.Dispose();
    }

    /// <summary>The silo built beside these tests: Command.Silo/bin/{Configuration}/{tfm}/Command.Silo.dll, or COMMAND_SILO_DLL.</summary>
    public static string SiloDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("COMMAND_SILO_DLL") is { Length: > 0 } configured)
            {
                return File.Exists(configured) ? configured : throw new FileNotFoundException($"COMMAND_SILO_DLL names {configured}, which does not exist.");
            }
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            string configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string framework = here.Name;
            for (var dir = here; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Command.slnx")))
                {
                    string dll = Path.Combine(dir.FullName, "Command.Silo", "bin", configuration, framework, "Command.Silo.dll");
                    return File.Exists(dll) ? dll
                        : throw new FileNotFoundException($"The silo is not built at {dll}. Build the solution (dotnet build) before running the browser tests.");
                }
            }
            throw new DirectoryNotFoundException($"No Command.slnx above {AppContext.BaseDirectory}; set COMMAND_SILO_DLL to the built Command.Silo.dll.");
        }
    }

    public static int FreePort()
    {
        lock (portGate)
        {
            if (Environment.GetEnvironmentVariable("COMMAND_TEST_PORTS") is { Length: > 0 } range)
            {
                var bounds = range.Split('-', StringSplitOptions.TrimEntries);
                int first = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
                int last = bounds.Length > 1 ? int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) : first;
                for (int port = first; port <= last; port++)
                {
                    if (!handedOut.Contains(port) && IsFree(port))
                    {
                        handedOut.Add(port);
                        return port;
                    }
                }
                throw new InvalidOperationException($"No free port in COMMAND_TEST_PORTS={range}.");
            }
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
