using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Benchmarks.Load;

/// <summary>
/// The rows of one run with the machine they ran on and its load while they ran; printed as a markdown table and
/// written as <c>bench.md</c> and <c>bench.json</c> (or <c>bench-quick.*</c>) under the results folder.
/// </summary>
public sealed class BenchReport(BenchOptions options, MachineInfo machine)
{
    private readonly List<BenchRow> rows = [];
    private readonly List<double> load = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    public IReadOnlyList<BenchRow> Rows => rows;

    public MachineInfo Machine => machine;

    public bool IsBroken => rows.Any(r => r.Broken is not null);

    public void Add(IEnumerable<BenchRow> more)
    {
        lock (rows)
        {
            rows.AddRange(more);
        }
    }

    public void SampleLoad()
    {
        if (MachineInfo.LoadAverage() is { } now)
        {
            load.Add(now);
        }
    }

    public string LoadText => load.Count == 0
        ? "load average unknown"
        : string.Create(CultureInfo.InvariantCulture, $"load average (1 min) {load[0]:0.0} at the start, {load[^1]:0.0} at the end, {load.Max():0.0} at most");

    public string Markdown(BenchLog log)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command bench{(options.Quick ? " --quick" : "")}, {started:yyyy-MM-dd HH:mm} UTC, {clock.Elapsed.TotalMinutes:0.0} min");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}; {LoadText}.");
        text.AppendLine();
        text.AppendLine("| measure | result | baseline, same run | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            string met = row.Broken is not null ? "**broken**" : row.Met switch { true => "yes", false => "**no**", null => "" };
            text.AppendLine($"| {row.Measure} | {row.Result} | {row.Baseline} | {row.RatioText} | {row.Goal} | {met} |");
        }
        var goals = rows.Where(r => r.Met is not null && r.Broken is null).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Goals met: {goals.Count(r => r.Met == true)} of {goals.Count}.");
        foreach (var row in rows.Where(r => r.Broken is not null))
        {
            text.AppendLine($"BROKEN: {row.Measure}: {row.Broken}");
        }
        if (log.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The silos logged {log.Count} warnings or errors:");
            foreach (string entry in log.Summary().Take(10))
            {
                text.AppendLine("  " + entry);
            }
        }
        return text.ToString();
    }

    public string Json(BenchLog log) => JsonSerializer.Serialize(new
    {
        started,
        seconds = clock.Elapsed.TotalSeconds,
        quick = options.Quick,
        machine,
        loadAverage = load,
        rows,
        broken = IsBroken,
        log = log.Summary().Take(100),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    public async Task WriteAsync(string directory, BenchLog log)
    {
        Directory.CreateDirectory(directory);
        string name = options.Quick ? "bench-quick" : "bench";
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".md"), Markdown(log));
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".json"), Json(log));
    }
}
