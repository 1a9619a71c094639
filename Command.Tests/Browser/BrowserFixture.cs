using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>
/// One Chromium and one shared silo for the browser tests (two cores: starting either per test would dominate the
/// run). Chromium is the distribution's (/usr/bin/chromium, or COMMAND_CHROMIUM): nothing is downloaded. When it is
/// missing, every browser test fails and says how to install it; none is skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "Browser";

    private static readonly string[] chromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private SiloProcess? silo;
    private HttpClient? api;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser did not start.");

    /// <summary>The silo most tests share. Tests that change state create their own incidents and pick their own teams.</summary>
    public SiloProcess Silo => silo ?? throw new InvalidOperationException("The silo did not start.");

    /// <summary>The shared silo's API signed in as the city's duty officer (lc.duty), to set scenes and check pages.</summary>
    public HttpClient Api => api ?? throw new InvalidOperationException("The silo did not start.");

    /// <summary>Where screenshots and measurements go: COMMAND_SCREENSHOTS, or screenshots/ beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("COMMAND_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("COMMAND_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>A second browser with extra command-line switches, for a test that needs them; the caller closes it.</summary>
    public Task<IBrowser> LaunchBrowserAsync(params string[] extraArgs) =>
        playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = [.. chromiumArgs, .. extraArgs] });

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and it is not there. Install it with " +
                "`apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu), or set COMMAND_CHROMIUM to a Chromium or Chrome executable. " +
                "Do not run `playwright install`: the tests use the system browser.");
        }
        var startingSilo = SiloProcess.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = chromiumArgs,
        });
        silo = await startingSilo;
        api = await silo.SignInAsync("lc.duty");
    }

    /// <summary>A fresh browser context (own storage) with one page, at a desk-sized or phone-sized viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1600, int height = 900, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize = new ViewportSize { Width = width, Height = height };
        options.Locale ??= "zh-CN";
        options.TimezoneId ??= "Asia/Shanghai";
        var context = await Browser.NewContextAsync(options);
        openContexts.Enqueue(context);
        var page = await context.NewPageAsync();
        // Generous for a busy 2-core machine: a wait that times out is a hang, not a slow page (the bench times pages).
        // Expect(...) assertions keep their own default of 5 s otherwise, which a full run under load once missed while a
        // password was being hashed.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        return page;
    }

    private static readonly System.Collections.Concurrent.ConcurrentQueue<IBrowserContext> openContexts = new();

    /// <summary>Closes every context <see cref="NewPageAsync"/> opened so far (see <see cref="ClosesItsPagesAttribute"/>).</summary>
    public static async Task CloseOpenContextsAsync()
    {
        while (openContexts.TryDequeue(out var context))
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Closed already, by the test or with its browser.
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        api?.Dispose();
        if (silo is not null)
        {
            await silo.DisposeAsync();
            TryDelete(silo.DataDirectory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

// Browser tests check live latencies (an icon moves within 1 s of a POST); they run alone, never beside the
// in-process API tests, so a shared 2-core machine does not starve the page.
[CollectionDefinition(BrowserFixture.Collection, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
