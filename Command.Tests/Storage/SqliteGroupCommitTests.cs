using Command.Silo.Storage;
using Command.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Tests.Storage;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("command-group-").FullName;

    [Fact]
    public async Task AppendsWaitingTogetherShareOneTransactionAndAreAcknowledgedOnlyAfterIt()
    {
        string path = Path.Combine(directory, "command.db");
        var store = new SqliteStore(path, NullLogger<SqliteStore>.Instance, paused: true);
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

        var appends = Enumerable.Range(0, 300)
            .Select(i => store.AppendAsync($"incident/{i}", 0, [new JournalEntry(1, at, "received", "t", "{}")], null))
            .ToList();
        Assert.All(appends, a => Assert.False(a.IsCompleted)); // nothing is acknowledged before its commit

        store.ResumeWrites();
        await Task.WhenAll(appends);

        Assert.Equal(1, store.Commits); // 300 appends, one transaction, one fsync
        await store.DisposeAsync();
        var reopened = new SqliteStore(path, NullLogger<SqliteStore>.Instance);
        Assert.Equal(300, (await reopened.ListStreamsAsync("incident/")).Count);
        await reopened.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
