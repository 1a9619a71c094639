using System.Text.Json;
using System.Xml.Linq;
using Command.Silo.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Command.Silo.Access;

/// <summary>
/// Keeps the Data Protection key ring (which protects session cookies and bearer tokens) in the event journal, so
/// sign-ins survive a restart and a standby silo on the same store reads the same keys. Keys are appended, never
/// changed. Data Protection reads synchronously; blocking a request thread on a network store is how thread pools
/// starve, so the keys are read once, asynchronously, before the silo starts (<see cref="PreloadAsync"/>) and served
/// from memory after that.
/// </summary>
public sealed class JournalXmlRepository(IEventJournal journal, TimeProvider time) : IXmlRepository
{
    private const string Stream = "dataprotection/keys";

    private IReadOnlyList<JournalEntry>? entries;

    public async Task PreloadAsync(CancellationToken cancellationToken) =>
        Volatile.Write(ref entries, await journal.ReadAsync(Stream, 0, cancellationToken).ConfigureAwait(false));

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. (Volatile.Read(ref entries) ?? Task.Run(() => journal.ReadAsync(Stream, 0)).GetAwaiter().GetResult())
            .Select(e => XElement.Parse(JsonSerializer.Deserialize<string>(e.Data)!))];

    public void StoreElement(XElement element, string friendlyName)
    {
        // Another silo may have added a key meanwhile: read the version right before appending, and retry on conflict.
        for (int attempt = 0; ; attempt++)
        {
            var current = Task.Run(() => journal.ReadAsync(Stream, 0)).GetAwaiter().GetResult();
            var entry = new JournalEntry(current.Count + 1, time.GetUtcNow(), "key", "dataprotection",
                JsonSerializer.Serialize(element.ToString(SaveOptions.DisableFormatting)));
            try
            {
                Task.Run(() => journal.AppendAsync(Stream, current.Count, [entry], null)).GetAwaiter().GetResult();
                Volatile.Write(ref entries, [.. current, entry]);
                return;
            }
            catch (JournalConflictException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Reads the key ring before Data Protection's own start-up service asks for it.</summary>
    public sealed class Preload(JournalXmlRepository repository, ILogger<Preload> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await repository.PreloadAsync(cancellationToken);
                    return;
                }
                catch (StorageUnavailableException ex) when (attempt < 3)
                {
                    logger.LogWarning("Reading the key ring failed ({Message}); retrying", ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
