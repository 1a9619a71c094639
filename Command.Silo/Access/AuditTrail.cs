using System.Globalization;
using System.Threading.Channels;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;

namespace Command.Silo.Access;

/// <summary>
/// Writes the audit journal without putting a journal write on every request's path: entries queue here and are
/// appended in batches to the day's audit grain. A failed append is retried with the same batch, so an entry is
/// lost only if the process dies before the store comes back.
/// </summary>
public sealed class AuditTrail(IGrainFactory grains, TimeProvider time, ILogger<AuditTrail> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Write(string kind, HttpContext? http, Caller? who, string? detail, string? whoName = null)
    {
        var entry = new AuditEntry(
            time.GetUtcNow(),
            kind,
            who?.Subject ?? whoName ?? "anonymous",
            who?.Role,
            who?.JurisdictionId,
            http is null ? null : ClientAddress(http),
            http is null ? "" : $"{http.Request.Method} {http.Request.Path}",
            detail);
        if (!queue.Writer.TryWrite(entry))
        {
            // Only a store that has been down for a long while fills the queue; waiting keeps the entry.
            _ = queue.Writer.WriteAsync(entry).AsTask();
        }
    }

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            foreach (var day in batch.GroupBy(e => DayKey(e.At)))
            {
                await AppendWithRetry(day.Key, [.. day], stoppingToken).ConfigureAwait(false);
            }
            batch.Clear();
        }
    }

    private async Task AppendWithRetry(string day, IReadOnlyList<AuditEntry> entries, CancellationToken stoppingToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IAuditLogGrain>(day).Append(entries).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Audit append of {Count} entries failed (attempt {Attempt}); retrying", entries.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
