using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Runtime;

namespace Command.Benchmarks;

/// <summary>What recovery does 100,000 times: read a closed incident's snapshot back into its state and its list summary.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private string snapshot = "";

    [GlobalSetup]
    public void SetUp()
    {
        var map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
        var at = DateTimeOffset.UtcNow;
        var placement = map.ToIncidentPlacement(map.Locate(115.45, 36.49));
        var call = new IncidentCall(IncidentChannel.Police, IncidentType.PublicOrder, 4, new GeoPoint(115.45, 36.49), "冠县清泉街", "有人打架", null, null);
        IncidentEvent[] history =
        [
            new IncidentReceived("LC-20261121-0001", call, placement),
            new TeamAssigned("team-371525-01", "冠县车巡1组"),
            new IncidentStatusChanged(IncidentStatus.Received, IncidentStatus.Dispatched, null),
            new TeamStatusReported("team-371525-01", TeamStatus.OnScene),
            new IncidentStatusChanged(IncidentStatus.Dispatched, IncidentStatus.OnScene, null),
            new IncidentStatusChanged(IncidentStatus.OnScene, IncidentStatus.Closed, "双方调解完毕"),
            new TeamReleased("team-371525-01"),
        ];
        var state = IncidentState.Empty;
        for (int i = 0; i < history.Length; i++)
        {
            state = state.Apply(history[i], new EventMeta(i + 1, at.AddMinutes(i), "值班员:王磊(gx.duty)"));
        }
        snapshot = JsonSerializer.Serialize(state, JournalJson.Options);
    }

    [Benchmark(Description = "closed incident snapshot → IncidentState → summary")]
    public IncidentSummary Load() => JsonSerializer.Deserialize<IncidentState>(snapshot, JournalJson.Options)!.ToSummary("0195f0c2a1b27d3e8f4a5b6c7d8e9f01", 7);
}
