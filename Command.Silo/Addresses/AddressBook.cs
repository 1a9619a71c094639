using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Addresses;

/// <summary>
/// The silo's standard address base. It is read on first use from, in order: the last base imported through the API
/// (kept as <c>addresses.csv</c> in the data folder of an embedded store), the file named by <c>Addresses:File</c>, or
/// the synthetic demo base <c>maps/liaocheng-addresses.csv</c> (only when no file is configured). A file with bad lines
/// is logged and not taken; an import with bad lines is refused and the base in use stays.
/// </summary>
public sealed class AddressBook(JurisdictionMap map, IOptions<SiloOptions> silo, IConfiguration configuration, ILogger<AddressBook> log)
{
    public const string DemoFileName = "liaocheng-addresses.csv";
    public const string ImportedFileName = "addresses.csv";

    private readonly Lock gate = new();
    private volatile AddressIndex? current;

    public AddressIndex Current
    {
        get
        {
            if (current is { } index)
            {
                return index;
            }
            lock (gate)
            {
                return current ??= LoadInitial();
            }
        }
    }

    /// <summary>Takes a whole new base, or none of it: with any bad line the errors come back and the base in use stays.</summary>
    public AddressCsv.Result Import(string csv)
    {
        var parsed = AddressCsv.Parse(csv, map);
        if (parsed.Errors.Count > 0)
        {
            return parsed;
        }
        lock (gate)
        {
            if (ImportedPath() is { } path)
            {
                // Written aside and moved over, so a crash mid-write leaves the previous base whole.
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, csv);
                File.Move(temporary, path, overwrite: true);
            }
            current = new AddressIndex(parsed.Addresses, "导入");
        }
        log.LogInformation("Standard address base replaced by an import of {Count} addresses", parsed.Addresses.Count);
        return parsed;
    }

    public string NameOf(string jurisdictionId) => map.Find(jurisdictionId)?.Name ?? "";

    private string? ImportedPath() =>
        silo.Value.Storage == StorageKind.Sqlite ? Path.Combine(Path.GetFullPath(silo.Value.DataDirectory), ImportedFileName) : null;

    private AddressIndex LoadInitial()
    {
        var configured = configuration["Addresses:File"];
        // A configured base that is missing or bad leaves the base empty rather than falling back to the invented
        // demo streets, which would send a team to a street that does not exist.
        var demo = map.SourceDirectory is { } maps && configured is not { Length: > 0 } ? Path.Combine(maps, DemoFileName) : null;
        foreach (var path in new[] { ImportedPath(), configured is { Length: > 0 } ? Path.GetFullPath(configured) : null, demo })
        {
            if (path is null || !File.Exists(path))
            {
                if (path is not null && configured is { Length: > 0 } && path == Path.GetFullPath(configured))
                {
                    log.LogError("The standard address file {Path} (Addresses:File) does not exist", path);
                }
                continue;
            }
            var parsed = AddressCsv.Parse(File.ReadAllText(path), map);
            if (parsed.Errors.Count > 0)
            {
                log.LogError("The standard address file {Path} has {Count} bad lines and is not used; the first: line {Line}: {Message}",
                    path, parsed.Errors.Count, parsed.Errors[0].Line, parsed.Errors[0].Message);
                continue;
            }
            log.LogInformation("Standard address base: {Count} addresses from {Path}", parsed.Addresses.Count, path);
            return new AddressIndex(parsed.Addresses, Path.GetFileName(path));
        }
        return AddressIndex.Empty;
    }
}
