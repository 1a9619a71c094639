using System.Text.Json;
using System.Xml.Linq;
using Command.Silo.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Command.Silo.Access;

/// <summary>
/// Keeps the Data Protection key ring (which protects session cookies and bearer tokens) in the event journal, so
/// sign-ins survive a restart and a standby silo on the same store reads the same keys. Keys are appended, never
/// changed. Data Protection calls this synchronously and rarely (at start and when a key rolls over).
/// </summary>
public sealed class JournalXmlRepository(IEventJournal journal, TimeProvider time) : IXmlRepository
{
    private const string Stream = "dataprotection/keys";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. journal.ReadAsync(Stream, 0).GetAwaiter().GetResult().Select(e => XElement.Parse(JsonSerializer.Deserialize<string>(e.Data)!))];

    public void StoreElement(XElement element, string friendlyName)
    {
        // Another silo may have added a key meanwhile; read the version right before appending, and retry on conflict.
        for (int attempt = 0; ; attempt++)
        {
            long version = journal.ReadAsync(Stream, 0).GetAwaiter().GetResult().Count;
            try
            {
                journal.AppendAsync(Stream, version,
                    [new JournalEntry(version + 1, time.GetUtcNow(), "key", "dataprotection", JsonSerializer.Serialize(element.ToString(SaveOptions.DisableFormatting)))], null)
                    .GetAwaiter().GetResult();
                return;
            }
            catch (JournalConflictException) when (attempt < 5)
            {
            }
        }
    }
}
