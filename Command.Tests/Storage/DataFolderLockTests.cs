using System.Net;
using System.Net.Http.Json;
using Command.Silo.Storage.Sqlite;
using Command.Tests.Support;

namespace Command.Tests.Storage;

/// <summary>One silo to a SQLite data folder: a second start on it is refused with the holder named, before it reads or
/// writes anything, and the folder is free again once its silo stops or dies.</summary>
public sealed class DataFolderLockTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("command-lock-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public void ASecondClaimOnAFolderIsRefusedUntilTheFirstIsReleased()
    {
        var first = DataFolderLock.Take(data, TimeProvider.System);
        var refused = Assert.Throws<DataFolderInUseException>(() => DataFolderLock.Take(data, TimeProvider.System));
        Assert.Contains($"process {Environment.ProcessId}", refused.Message);
        Assert.Equal(data, refused.DataDirectory);

        first.Dispose();
        using var second = DataFolderLock.Take(data, TimeProvider.System);
    }

    [Fact]
    public async Task ASecondSiloOnTheSameDataFolderIsRefusedAndTheFirstKeepsServing()
    {
        await using var first = await SiloProcess.StartAsync(data, args: ["--no-demo"]);
        var api = await first.StaffAsync();
        var created = await api.PostAsJsonAsync("/api/incidents", new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(data, args: ["--no-demo"]));
        Assert.Contains("exited with code 3", refused.Message);
        Assert.Contains($"The data folder {data} is in use by another silo (process {first.ProcessId} ", refused.Message);
        Assert.Contains("--storage redis", refused.Message);

        Assert.True(await first.IsServingAsync());
        Assert.Single((await api.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/incidents"))!);

        // Killed, as a crash would: the operating system drops the lock with the process.
        await first.StopAsync();
        await using var after = await SiloProcess.StartAsync(data, args: ["--no-demo"]);
        var again = await after.StaffAsync();
        Assert.Single((await again.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/incidents"))!);
    }
}
