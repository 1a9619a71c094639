namespace Command.Tests.Support;

/// <summary>
/// A test class whose every test gets a silo of its own (<see cref="app"/>, with its test clock) and the city duty
/// officer's client (<see cref="api"/>); the silo goes when the test ends. A test may replace <see cref="app"/> (to
/// restart on other settings, say) and must then renew <see cref="api"/> from it.
/// </summary>
public abstract class AppTest : IAsyncLifetime
{
#pragma warning disable SA1401, IDE1006 // the tests read these on every line; a property would only add noise
    protected CommandApp app;
    protected HttpClient api = null!;
#pragma warning restore SA1401, IDE1006

    protected AppTest() => app = new();

    /// <param name="app">A silo on settings of the test class's own.</param>
    protected AppTest(CommandApp app) => this.app = app;

    public virtual Task InitializeAsync()
    {
        api = app.Api();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await app.DisposeAsync();
}
