using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Command.Benchmarks.Load;

/// <summary>What a result was measured on; every figure in the table depends on it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string Gc)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ProcField("/proc/meminfo", "MemTotal") is { } total && double.TryParse(total.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double kb)
            ? Math.Round(kb / (1024 * 1024), 1)
            : Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server GC" : "workstation GC");

    /// <summary>The one-minute load average, where the system tells it.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load)
            ? load
            : null;

    public override string ToString() =>
        $"{Cores} cores, {Cpu}, {MemoryGiB.ToString("0.#", CultureInfo.InvariantCulture)} GiB RAM, {Os}, {Runtime}, {Gc}";

    private static string OsName()
    {
        const string key = "PRETTY_NAME=";
        string? pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?[key.Length..].Trim('"')
            : null;
        return pretty ?? RuntimeInformation.OSDescription;
    }

    private static string? ProcField(string path, string name) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
            : null;
}
