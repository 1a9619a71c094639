using System.Globalization;
using System.Threading.Channels;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// Writes the audit journal without putting a journal write on every request's path: entries queue here and are
/// appended in batches to the day's audit grain. A failed append is retried with the same batch, so an entry is
/// lost only if the process dies before the store comes back. Refusals that a source can repeat at will are
/// summarised (<see cref="RepeatedRefusals"/>), so that nobody can fill the journal without signing in.
/// </summary>
public sealed class AuditTrail : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IGrainFactory grains;
    private readonly TimeProvider time;
    private readonly ILogger<AuditTrail> logger;
    private readonly RepeatedRefusals repeats;

    public AuditTrail(IGrainFactory grains, TimeProvider time, IOptions<AccessOptions> options, ILogger<AuditTrail> logger)
    {
        this.grains = grains;
        this.time = time;
        this.logger = logger;
        repeats = new RepeatedRefusals(time, options.Value.AuditRepeatSources, Enqueue);
    }

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Journals one entry. <paramref name="repeatable"/> marks a refusal its source can repeat at will even
    /// when signed in (a rate limit): it is summarised like the anonymous ones.</summary>
    public void Write(string kind, HttpContext? http, Caller? who, string? detail, string? whoName = null, bool repeatable = false)
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
        if ((repeatable || IsRepeatable(kind, who)) && !repeats.Admit(entry))
        {
            return;
        }
        Enqueue(entry);
    }

    /// <summary>Refusals anyone can have again for the asking: a throttled sign-in, a refused token (revoked, expired,
    /// unknown: replaying one costs nothing), and any refusal of an anonymous request. A signed-in caller's refusals
    /// are each written, with what was tried: the caller is known and can be stopped.</summary>
    private static bool IsRepeatable(string kind, Caller? who) =>
        kind is AuditKinds.SignInThrottled or AuditKinds.TokenRefused || (kind == AuditKinds.Refused && who is null);

    private void Enqueue(AuditEntry entry)
    {
        if (!queue.Writer.TryWrite(entry))
        {
            // Only a store that has been down for a long while fills the queue; waiting keeps the entry.
            _ = WaitToEnqueue(entry);
        }
    }

    private async Task WaitToEnqueue(AuditEntry entry)
    {
        try
        {
            await queue.Writer.WriteAsync(entry).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            logger.LogWarning("Audit entry {Kind} of {Who} arrived after the journal writer stopped; not journaled", entry.Kind, entry.Who);
        }
    }

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>Writes the running minutes' summaries and whatever is queued before stopping; the host's shutdown
    /// timeout bounds the wait if the store is away.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        repeats.EndAll();
        queue.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        repeats.Dispose();
        base.Dispose();
    }

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
