using System.Globalization;

namespace Command.Silo.Storage.Sqlite;

/// <summary>
/// The claim of one silo on a SQLite data folder, held from start to stop. SQLite itself would let a second silo open
/// the same files: each would be a cluster of one, run the same grains and deadlines, and only the journal's version
/// check would stop the second writer of each stream, case by case, long after it started. The lock is an exclusive
/// lock on <c>silo.lock</c> (flock on Linux), which the operating system drops when the process dies, so a silo killed
/// with -9 does not leave its folder locked.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "silo.lock";

    /// <summary>Who holds the lock, beside it: the locked file cannot be read by another process, even to be shown.</summary>
    public const string HolderFileName = "silo.owner";
    private readonly FileStream file;

    private DataFolderLock(FileStream file) => this.file = file;

    public static DataFolderLock Take(string dataDirectory, TimeProvider time)
    {
        string path = Path.Combine(dataDirectory, FileName);
        string holderPath = Path.Combine(dataDirectory, HolderFileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new DataFolderInUseException(dataDirectory, Holder(holderPath), ex);
        }
        // For the operator whose second start is refused: the lock, not this text, is what counts.
        try
        {
            File.WriteAllText(holderPath, string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC"));
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new DataFolderLock(file);
    }

    /// <summary>What the holder wrote, if it can be read (a silo killed by -9 leaves its text behind, but also its lock
    /// released, so a text is only shown while its writer holds the lock).</summary>
    private static string? Holder(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return text.Length is > 0 and <= 200 ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
