using System.Globalization;
using Orleans.Runtime;

namespace Command.Silo.Storage;

/// <summary>
/// Orleans' reminder table over the store's own timed rows, so that reminders live in command.db (or Redis) with
/// everything else, share its group commit and, on Redis, its fencing. Orleans rows are kept apart from the grains'
/// deadlines by a prefix on the grain column.
/// </summary>
internal sealed class GrainReminderTable(IDeadlineTable rows) : Orleans.IReminderTable
{
    public const string Prefix = "orleans:";

    public static bool IsOrleansRow(DeadlineEntry row) => row.GrainId.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new((await rows.ReadAsync(Prefix + grainId).ConfigureAwait(false)).Select(ToOrleans));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var all = (await rows.ReadAllAsync().ConfigureAwait(false)).Where(IsOrleansRow).Select(ToOrleans);
        return new(all.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)));
    }

    public async Task<Orleans.ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await rows.ReadAsync(Prefix + grainId).ConfigureAwait(false)).Where(r => r.Name == reminderName).Select(ToOrleans).FirstOrDefault();

    public async Task<string?> UpsertRow(Orleans.ReminderEntry entry)
    {
        var row = new DeadlineEntry(Prefix + entry.GrainId, entry.ReminderName,
            new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)), entry.Period);
        await rows.UpsertAsync(row).ConfigureAwait(false);
        return ETagOf(row);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var row = (await rows.ReadAsync(Prefix + grainId).ConfigureAwait(false)).FirstOrDefault(r => r.Name == reminderName);
        if (row is null || ETagOf(row) != eTag)
        {
            return false;
        }
        await rows.DeleteAsync(row.GrainId, row.Name, row.DueAt).ConfigureAwait(false);
        return true;
    }

    public async Task TestOnlyClearTable()
    {
        foreach (var row in (await rows.ReadAllAsync().ConfigureAwait(false)).Where(IsOrleansRow))
        {
            await rows.DeleteAsync(row.GrainId, row.Name, null).ConfigureAwait(false);
        }
    }

    /// <summary>The ring range (begin, end], which wraps around when begin ≥ end.</summary>
    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static Orleans.ReminderEntry ToOrleans(DeadlineEntry row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId[Prefix.Length..]),
        ReminderName = row.Name,
        StartAt = row.DueAt.UtcDateTime,
        Period = row.Period ?? TimeSpan.Zero,
        ETag = ETagOf(row),
    };

    private static string ETagOf(DeadlineEntry row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.DueAt.UtcTicks}:{row.Period?.Ticks ?? 0}");
}
