using Command.Silo.Storage;
using Command.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Tests.Storage;

/// <summary>A store that can be "restarted": reopened over the same data, as after a process exit.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly string kind;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "command-store-" + Guid.NewGuid().ToString("N"));
    private readonly MemoryStore memory = new();
    private SqliteStore? sqlite;

    public StoreUnderTest(string kind)
    {
        this.kind = kind;
        Open();
    }

    public IEventJournal Journal => kind == "sqlite" ? sqlite! : memory;

    public IReminderTable Reminders => kind == "sqlite" ? sqlite! : memory;

    public async Task RestartAsync()
    {
        if (sqlite is not null)
        {
            await sqlite.DisposeAsync();
        }
        Open();
    }

    private void Open()
    {
        if (kind == "sqlite")
        {
            Directory.CreateDirectory(directory);
            sqlite = new SqliteStore(Path.Combine(directory, "command.db"), NullLogger<SqliteStore>.Instance);
        }
    }

    public string DatabasePath => Path.Combine(directory, "command.db");

    public async ValueTask DisposeAsync()
    {
        if (sqlite is not null)
        {
            await sqlite.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
