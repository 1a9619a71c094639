using System.Globalization;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Demo;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;

namespace Command.Benchmarks.Load;

/// <summary>
/// Writes a closed-case history for recovery to load, straight into the journal, because opening and closing 100,000
/// incidents through the grains takes far longer than the start it sets up. Every incident is a 110 call that was
/// dispatched, reached and closed; its team went out, was released and reported back available. The streams are what
/// the incident and team grains write: the same events, their codec, their Apply, and their snapshots (incidents
/// after every change, teams every 32 events). The daily number registers and the jurisdictions' counters are left
/// out: start-up reads neither.
/// </summary>
public static class JournalSeeder
{
    private const string DutyActor = "值班员:压测值班员(bench.duty)";
    private const int Parallelism = 64;

    public static async Task SeedAsync(BenchSilo silo, IReadOnlyList<DemoTeam> teams, int incidents, BenchProgress progress)
    {
        var map = silo.Get<JurisdictionMap>();
        var journal = silo.Get<IEventJournal>();
        var numbering = silo.Get<IOptions<IncidentOptions>>().Value;
        var random = new Random(2026);
        // Calls come from a thousand places; placing each of 100,000 by point-in-polygon would only slow the seeding.
        var places = Enumerable.Range(0, 997).Select(_ =>
        {
            var point = BenchIncidents.RandomPoint(map, random);
            return (Point: point, Placement: map.ToIncidentPlacement(map.Locate(point.Lon, point.Lat)));
        }).ToArray();
        // A team's cases are apart by at least an hour, so its status history never overlaps itself.
        var spacing = TimeSpan.FromSeconds(Math.Max(86.4, 3600.0 / Math.Max(1, teams.Count)));
        var now = DateTimeOffset.UtcNow;
        var first = now - spacing * (incidents + 1);

        var teamStreams = teams.Select(t =>
        {
            var stream = new SeededStream<TeamState, TeamEvent>("team/" + t.Id, TeamState.Empty, (s, e, m) => s.Apply(e, m), 32);
            stream.Raise(new TeamCommissioned(t.Definition), first - TimeSpan.FromDays(1), "bench");
            return stream;
        }).ToArray();

        var sequenceOfDay = new Dictionary<string, int>(StringComparer.Ordinal);
        int written = 0;
        await Parallel.ForEachAsync(Incidents(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (stream, _) =>
        {
            await stream.AppendAsync(journal);
            if (Interlocked.Increment(ref written) % 1000 == 0)
            {
                progress.Report(0.9 * written / (incidents + teams.Count), $"seeding: {BenchFormat.Count(written)} incidents journaled");
            }
        });
        await Parallel.ForEachAsync(teamStreams, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (stream, _) => await stream.AppendAsync(journal));

        var telemetry = silo.Get<ITelemetryStore>();
        foreach (var team in teams)
        {
            telemetry.Record(team.Id, new TeamPosition(team.Lon, team.Lat, now));
        }
        await telemetry.FlushAsync();

        // Built lazily, one at a time, in time order: the teams' histories are appended to as the cases are made.
        IEnumerable<SeededStream<IncidentState, IncidentEvent>> Incidents()
        {
            for (int k = 0; k < incidents; k++)
            {
                var received = first + spacing * k;
                var (point, placement) = places[k % places.Length];
                var team = teams[k % teams.Count];
                var teamStream = teamStreams[k % teams.Count];
                string id = Guid.CreateVersion7(received).ToString("N");
                string day = received.ToOffset(numbering.LocalUtcOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                int sequence = sequenceOfDay[day] = sequenceOfDay.GetValueOrDefault(day) + 1;
                string terminal = $"巡防终端:{team.Definition.Callsign}";
                var call = new IncidentCall(IncidentChannel.Police, IncidentType.PublicOrder, Severity.DefaultFor(IncidentType.PublicOrder),
                    new GeoPoint(point.Lon, point.Lat), "压测地址", "压测：聚众斗殴", null, null);

                var stream = new SeededStream<IncidentState, IncidentEvent>(IncidentGrain.StreamPrefix + id, IncidentState.Empty, (s, e, m) => s.Apply(e, m), 1);
                stream.Raise(new IncidentReceived($"{numbering.NumberPrefix}-{day}-{sequence:0000}", call, placement), received, DutyActor);
                var dispatched = received + TimeSpan.FromMinutes(1);
                teamStream.Raise(new TeamStatusChanged(TeamStatus.Available, TeamStatus.Dispatched, id), dispatched, DutyActor);
                stream.Raise(new TeamAssigned(team.Id, team.Definition.Callsign), dispatched, DutyActor);
                stream.Raise(new IncidentStatusChanged(IncidentStatus.Received, IncidentStatus.Dispatched, null), dispatched, DutyActor);
                var onScene = received + TimeSpan.FromMinutes(12);
                teamStream.Raise(new TeamStatusChanged(TeamStatus.Dispatched, TeamStatus.OnScene, id), onScene, terminal);
                stream.Raise(new TeamStatusReported(team.Id, TeamStatus.OnScene), onScene, terminal);
                stream.Raise(new IncidentStatusChanged(IncidentStatus.Dispatched, IncidentStatus.OnScene, null), onScene, terminal);
                var closed = received + TimeSpan.FromMinutes(40);
                stream.Raise(new IncidentStatusChanged(IncidentStatus.OnScene, IncidentStatus.Closed, "双方调解完毕"), closed, DutyActor);
                stream.Raise(new TeamReleased(team.Id), closed, DutyActor);
                teamStream.Raise(new TeamStatusChanged(TeamStatus.OnScene, TeamStatus.Returning, null), closed, DutyActor);
                teamStream.Raise(new TeamStatusChanged(TeamStatus.Returning, TeamStatus.Available, null), closed + TimeSpan.FromMinutes(10), terminal);
                yield return stream;
            }
        }
    }
}
