namespace Command.Silo.Storage;

internal static class JournalOrder
{
    /// <summary>Entries must continue the stream without gaps; anything else is a bug in the writer, caught before it is stored.</summary>
    public static void Check(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Seq != expectedVersion + i + 1)
            {
                throw new ArgumentException($"Entry {i} of the append to {stream} has seq {entries[i].Seq}, expected {expectedVersion + i + 1}.");
            }
        }
    }
}
