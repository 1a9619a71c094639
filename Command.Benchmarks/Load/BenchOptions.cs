using System.Globalization;

namespace Command.Benchmarks.Load;

/// <summary>
/// The sizes of one bench run. The defaults are the issue's: 10,000 teams, 50 consoles while 5,000 teams move at 1 Hz,
/// 1,000 golden windows and 100,000 journaled incidents. <c>--quick</c> shrinks every size so that the whole run fits
/// in a minute on CI, where it proves that each part still works rather than how fast it is.
/// </summary>
public sealed record BenchOptions
{
    public const string Usage = """
        bench [--quick] [--teams N] [--clients N] [--movers N] [--incidents N] [--windows N] [--cases N] [--seconds S]
              [--only PART,PART] [--redis HOST:PORT] [--results DIR]
        bench timers [--windows N] [--storage sqlite|memory|redis] [--results DIR]

        PART is one of: mailbox, ingest, recommend, fanout, memory, recovery, redis, timers, capacity, statistics, track.
        """;

    public static readonly string[] Parts = ["mailbox", "ingest", "recommend", "fanout", "memory", "recovery", "redis", "timers", "capacity", "statistics", "track"];

    public bool Quick { get; init; }

    /// <summary>Patrol teams commissioned for ingest, recommendations and memory.</summary>
    public int Teams { get; init; } = 10_000;

    /// <summary>Hub clients (consoles) that must each receive every new incident.</summary>
    public int Clients { get; init; } = 50;

    /// <summary>Teams posting a position once a second while fan-out is measured.</summary>
    public int Movers { get; init; } = 5_000;

    /// <summary>Incidents created one by one while fan-out latency is measured.</summary>
    public int FanOutIncidents { get; init; } = 200;

    /// <summary>Messages pushed back to back when fan-out throughput is compared with a bare hub.</summary>
    public int Broadcasts { get; init; } = 2_000;

    /// <summary>Incidents in the journal when recovery is measured.</summary>
    public int JournaledIncidents { get; init; } = 100_000;

    /// <summary>Incidents created and closed to measure what one costs in memory.</summary>
    public int ClosedIncidents { get; init; } = 2_000;

    public int RecommendSamples { get; init; } = 2_000;

    public int Windows { get; init; } = 1_000;

    /// <summary>Case facts in the statistics read model: a year of 聊城's cases.</summary>
    public int Cases { get; init; } = 300_000;

    /// <summary>Timed runs of each statistics query, after one that warms up.</summary>
    public int StatisticsRuns { get; init; } = 9;

    /// <summary>How long each throughput measurement runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests redis-benchmark sends per test, and journal appends our side makes.</summary>
    public int RedisRequests { get; init; } = 100_000;

    /// <summary>An existing Redis server; when null a private redis-server is started on a free loopback port.</summary>
    public string? Redis { get; init; }

    public string Results { get; init; } = "bench-results";

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(Parts);

    public static BenchOptions QuickDefaults { get; } = new()
    {
        Quick = true,
        Teams = 1_000,
        Clients = 10,
        Movers = 500,
        FanOutIncidents = 20,
        Broadcasts = 200,
        JournaledIncidents = 5_000,
        ClosedIncidents = 200,
        RecommendSamples = 200,
        Windows = 100,
        Cases = 20_000,
        StatisticsRuns = 3,
        Duration = TimeSpan.FromSeconds(2),
        RedisRequests = 10_000,
    };

    public bool Runs(string part) => Only.Contains(part);

    /// <exception cref="ArgumentException">An unknown option or a bad value, with the option named.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? QuickDefaults : new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{arg} needs a value.");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new ArgumentException($"{arg} needs a whole number above zero.");
            options = arg switch
            {
                "--quick" => options,
                "--teams" => options with { Teams = Count() },
                "--clients" => options with { Clients = Count() },
                "--movers" => options with { Movers = Count() },
                "--incidents" => options with { JournaledIncidents = Count() },
                "--windows" => options with { Windows = Count() },
                "--cases" => options with { Cases = Count() },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Count()) },
                "--redis" => options with { Redis = Value() },
                "--results" => options with { Results = Value() },
                "--only" => options with { Only = OnlyParts(Value()) },
                _ => throw new ArgumentException($"Unknown bench option '{arg}'.\n{Usage}"),
            };
        }
        if (options.Movers > options.Teams)
        {
            // Fewer teams than the default movers: all of them move, unless more movers were asked for explicitly.
            options = args.Contains("--movers")
                ? throw new ArgumentException($"--movers ({options.Movers}) cannot be more than --teams ({options.Teams}).")
                : options with { Movers = options.Teams };
        }
        return options;
    }

    private static HashSet<string> OnlyParts(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = parts.Except(Parts).ToList();
        return unknown.Count == 0 && parts.Count > 0
            ? parts
            : throw new ArgumentException($"--only takes {string.Join(", ", Parts)}, not '{list}'.");
    }
}
