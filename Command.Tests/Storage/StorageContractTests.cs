using Command.Abstractions.Patrols;
using Command.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace Command.Tests.Storage;

/// <summary>One suite every store must pass.</summary>
public sealed class StorageContractTests
{
    public static TheoryData<string> Stores => ["memory", "sqlite", "redis"];

    private static JournalEntry Entry(long seq, string kind = "added", string data = "{}") =>
        new(seq, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8)).AddSeconds(seq), kind, "tester", data);

    [Theory, MemberData(nameof(Stores))]
    public async Task AppendedEventsReadBackInOrderAfterARestart(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        await store.Journal.AppendAsync("incident/a", 0, [Entry(1), Entry(2)], null);
        await store.Journal.AppendAsync("incident/a", 2, [Entry(3, "closed", "{\"resolution\":\"好\"}")], null);
        await store.RestartAsync();

        var events = await store.Journal.ReadAsync("incident/a", 0);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.Equal(Entry(3, "closed", "{\"resolution\":\"好\"}"), events[2]);
        Assert.Equal([3L], (await store.Journal.ReadAsync("incident/a", 2)).Select(e => e.Seq));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task AppendAtAStaleVersionIsAConflictAndWritesNothing(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        await store.Journal.AppendAsync("team/x", 0, [Entry(1)], null);

        await Assert.ThrowsAsync<JournalConflictException>(() => store.Journal.AppendAsync("team/x", 0, [Entry(1, "other")], null));

        Assert.Equal("added", Assert.Single(await store.Journal.ReadAsync("team/x", 0)).Kind);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task ConcurrentAppendsToManyStreamsAreAllDurable(string kind)
    {
        await using var store = new StoreUnderTest(kind);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.Journal.AppendAsync($"incident/{i}", 0, [Entry(1), Entry(2)], null))));
        await store.RestartAsync();

        Assert.Equal(200, (await store.Journal.ListStreamsAsync("incident/")).Count);
        foreach (int i in new[] { 0, 99, 199 })
        {
            Assert.Equal(2, (await store.Journal.ReadAsync($"incident/{i}", 0)).Count);
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task OneConflictingAppendInABatchFailsAlone(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        await store.Journal.AppendAsync("s/busy", 0, [Entry(1)], null);

        var appends = Enumerable.Range(0, 50).Select(i => store.Journal.AppendAsync($"s/{i}", 0, [Entry(1)], null)).ToList();
        var conflict = store.Journal.AppendAsync("s/busy", 0, [Entry(1)], null);

        await Task.WhenAll(appends);
        await Assert.ThrowsAsync<JournalConflictException>(() => conflict);
        Assert.Equal(51, (await store.Journal.ListStreamsAsync("s/")).Count);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task SnapshotIsStoredWithItsVersion(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        await store.Journal.AppendAsync("incident/s", 0, [Entry(1), Entry(2)], new StreamSnapshot("incident/s", 2, "{\"total\":2}"));
        await store.Journal.AppendAsync("incident/s", 2, [Entry(3)], null);
        await store.RestartAsync();

        var snapshot = await store.Journal.ReadSnapshotAsync("incident/s");
        Assert.Equal(new StreamSnapshot("incident/s", 2, "{\"total\":2}"), snapshot);
        Assert.Equal([snapshot!], await store.Journal.ReadSnapshotsAsync("incident/"));
        Assert.Null(await store.Journal.ReadSnapshotAsync("incident/none"));
        Assert.Empty(await store.Journal.ReadSnapshotsAsync("team/"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task EntriesOutOfSequenceAreRefusedBeforeTheyAreStored(string kind)
    {
        await using var store = new StoreUnderTest(kind);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Journal.AppendAsync("s/gap", 0, [Entry(2)], null));

        Assert.Empty(await store.Journal.ReadAsync("s/gap", 0));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task RemindersSurviveARestartAndDeleteOnlyTheDueTheyWereFiredFor(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        var due = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
        await store.Reminders.UpsertAsync(new DeadlineEntry("incident/a", "deadline", due, null));
        await store.Reminders.UpsertAsync(new DeadlineEntry("incident/a", "tick", due, TimeSpan.FromMinutes(1)));
        await store.RestartAsync();

        Assert.Equal(2, (await store.Reminders.ReadAllAsync()).Count);
        await store.Reminders.UpsertAsync(new DeadlineEntry("incident/a", "deadline", due.AddHours(1), null));
        await store.Reminders.DeleteAsync("incident/a", "deadline", due);
        Assert.Equal(due.AddHours(1), (await store.Reminders.ReadAllAsync()).Single(r => r.Name == "deadline").DueAt);
        Assert.Equal(TimeSpan.FromMinutes(1), (await store.Reminders.ReadAllAsync()).Single(r => r.Name == "tick").Period);

        await store.Reminders.DeleteAsync("incident/a", "deadline", null);
        Assert.Equal(["tick"], (await store.Reminders.ReadAllAsync()).Select(r => r.Name));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task ALongStreamReadsBackWholeAndFromAnyPoint(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        for (int batch = 0; batch < 5; batch++)
        {
            await store.Journal.AppendAsync("team/long", batch * 500, [.. Enumerable.Range(batch * 500 + 1, 500).Select(seq => Entry(seq))], null);
        }

        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), (await store.Journal.ReadAsync("team/long", 0)).Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1001, 1500).Select(i => (long)i), (await store.Journal.ReadAsync("team/long", 1000)).Select(e => e.Seq));
        Assert.Empty(await store.Journal.ReadAsync("team/long", 2500));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task StreamsAreListedByExactPrefix(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        foreach (string stream in new[] { "team/冠县-2", "team/a", "teams/x", "team", "incident/team/b" })
        {
            await store.Journal.AppendAsync(stream, 0, [Entry(1)], new StreamSnapshot(stream, 1, "{}"));
        }

        Assert.Equal(["team/a", "team/冠县-2"], await store.Journal.ListStreamsAsync("team/"));
        Assert.Equal(["team/a", "team/冠县-2"], (await store.Journal.ReadSnapshotsAsync("team/")).Select(s => s.Stream).Order(StringComparer.Ordinal));
        Assert.Equal(5, (await store.Journal.ListStreamsAsync("")).Count);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task TelemetryKeepsTheLatestPositionPerTeamAndTheWholeTrack(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        var start = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8));
        TeamPosition Fix(int i) => new(115.4 + i * 0.0001, 36.4 + i * 0.0001, start.AddSeconds(i), i % 2 == 0 ? 90.5 : null, i % 3 == 0 ? 12.25 : null);
        for (int i = 0; i < 1500; i++)
        {
            store.Telemetry.Record("team-a", Fix(i));
        }
        store.Telemetry.Record("team-b", Fix(7));
        await store.Telemetry.FlushAsync();
        store.Telemetry.Record("team-b", Fix(8));
        await store.RestartAsync();

        var latest = await store.Telemetry.ReadLatestAsync();
        Assert.Equal(Fix(1499), latest["team-a"]);
        Assert.Equal(Fix(8), latest["team-b"]);
        Assert.Equal(Enumerable.Range(0, 1500).Select(Fix), await store.Telemetry.ReadTrackAsync("team-a", start, start.AddHours(1)));
        Assert.Equal(Enumerable.Range(100, 11).Select(Fix), await store.Telemetry.ReadTrackAsync("team-a", start.AddSeconds(100), start.AddSeconds(110)));
        Assert.Equal([Fix(7), Fix(8)], await store.Telemetry.ReadTrackAsync("team-b", start, start.AddHours(1)));
        Assert.Empty(await store.Telemetry.ReadTrackAsync("team-none", start, start.AddHours(1)));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task ATrackReadIncludesReportsNotYetWrittenAndEachReportOnce(string kind)
    {
        await using var store = new StoreUnderTest(kind);
        var start = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8));
        TeamPosition Fix(int i) => new(115.4 + i * 0.0001, 36.4, start.AddSeconds(i));
        store.Telemetry.Record("team-a", Fix(0));
        store.Telemetry.Record("team-a", Fix(1));
        await store.Telemetry.FlushAsync();
        store.Telemetry.Record("team-a", Fix(2));
        store.Telemetry.Record("team-b", Fix(3));

        // The flush interval is an hour here: the last reports are only in the buffer, and an open case's replay shows them.
        Assert.Equal([Fix(0), Fix(1), Fix(2)], await store.Telemetry.ReadTrackAsync("team-a", start, start.AddHours(1)));
        Assert.Equal([Fix(1), Fix(2)], await store.Telemetry.ReadTrackAsync("team-a", start.AddSeconds(1), start.AddSeconds(2)));
        await store.Telemetry.FlushAsync();
        Assert.Equal([Fix(0), Fix(1), Fix(2)], await store.Telemetry.ReadTrackAsync("team-a", start, start.AddHours(1)));
    }

    [Fact]
    public async Task ASqliteTrackWrittenWithTheTerminalsOwnOffsetIsStillReadByTime()
    {
        await using var store = new StoreUnderTest("sqlite");
        var at = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8));
        store.Telemetry.Record("team-a", new TeamPosition(115.4, 36.4, at.AddMinutes(1)));
        await store.Telemetry.FlushAsync();
        // Before times were written in UTC, a fix kept the offset its terminal sent, so its text sorts by Beijing time.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetDirectoryName(store.DatabasePath)!, "telemetry.db")}"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO track(team, lon, lat, at) VALUES('team-a', 115.5, 36.5, '2026-11-21T08:00:00.0000000+08:00')";
            insert.ExecuteNonQuery();
        }

        var track = await store.Telemetry.ReadTrackAsync("team-a", at.AddSeconds(-1), at.AddHours(1));
        Assert.Equal([at, at.AddMinutes(1)], track.Select(p => p.At));
        Assert.Single(await store.Telemetry.ReadTrackAsync("team-a", at.AddSeconds(30), at.AddHours(1)));
    }

    [Fact]
    public async Task SqliteRefusesToEditOrDeleteJournalEvents()
    {
        await using var store = new StoreUnderTest("sqlite");
        await store.Journal.AppendAsync("incident/x", 0, [Entry(1)], null);

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET actor = 'someone else'";
        Assert.Contains("never edited", Assert.Throws<SqliteException>(() => update.ExecuteNonQuery()).Message);
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM events";
        Assert.Contains("never deleted", Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery()).Message);
    }
}
