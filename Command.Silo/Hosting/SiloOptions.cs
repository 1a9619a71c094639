namespace Command.Silo.Hosting;

/// <summary>The silo's start options (see ../shared/CONTRACT.md). Parsed from the command line by <see cref="SiloCommandLine"/>.</summary>
public sealed class SiloOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public string DataDirectory { get; set; } = "./data";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    public string Redis { get; set; } = "127.0.0.1:6379";

    public string? RulesFile { get; set; }

    public bool Demo { get; set; } = true;

    /// <summary>Incidents per minute raised by the simulator; null when it is off.</summary>
    public double? SimulateRate { get; set; }

    /// <summary>The Orleans silo-to-silo port; 0 takes any free port (a lone silo needs no fixed one).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where maps/ is; found beside the program or above the working folder when unset.</summary>
    public string? MapsDirectory { get; set; }
}
