using Command.Tests.Support;

namespace Command.Tests.Security;

/// <summary>
/// One real silo (Kestrel, the console formatter, SQLite) whose ASP.NET Core categories log at Information, as an
/// operator chasing a problem might set them: every request's start and end is written with its path and query.
/// </summary>
public sealed class VerboseSilo : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(configuration: new Dictionary<string, string>
    {
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
    });

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Browser.BrowserFixture.TryDelete(Silo.DataDirectory);
    }
}
