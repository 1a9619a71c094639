using Command.Abstractions.Incidents;
using Command.Abstractions.Replay;
using Command.Silo.Access;
using Command.Silo.Patrols;
using Command.Silo.Storage;

namespace Command.Silo.Replay;

public static class ReplayEndpoints
{
    /// <summary>The most points of one team's track a replay carries: enough to draw a day's drive smoothly, few
    /// enough that a mass incident with dozens of teams stays a small answer.</summary>
    public const int MaxPointsPerTeam = 5_000;

    /// <summary>How long before the call the tracks start: the minutes before dispatch show where each team came from.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id}/replay", async (string id, Caller caller, AccessScope scope, IGrainFactory grains,
            ITelemetryStore telemetry, TeamRegistry teams, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var grain = grains.GetGrain<IIncidentGrain>(scope.Incident(caller, id).Id);
            var detail = await grain.GetDetail() ?? throw AccessScope.IncidentNotFound(id);
            var timeline = await grain.GetTimeline();
            var from = detail.ReceivedAt - Lead;
            var to = detail.ClosedAt ?? time.GetUtcNow();
            var sent = new List<ReplayTeam>();
            // A team sent twice (recalled, then sent again) is one track; its symbol follows the last assignment.
            foreach (var assignment in detail.Assignments.GroupBy(a => a.TeamId, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.AssignedAt)!))
            {
                var track = await telemetry.ReadTrackAsync(assignment.TeamId, from, to, cancellationToken);
                var points = Thin([.. track.OrderBy(p => p.At).Select(p => new ReplayPoint(p.At, p.Lon, p.Lat))], MaxPointsPerTeam);
                sent.Add(new ReplayTeam(assignment.TeamId, assignment.Callsign, teams.Find(assignment.TeamId)?.Mode,
                    assignment.AssignedAt, assignment.EnRouteAt, assignment.OnSceneAt, assignment.ClearedAt, assignment.ClearedAs,
                    points, track.Count, points.Count < track.Count));
            }
            var replayed = new ReplayCase(detail.Id, detail.Number, detail.Type, detail.Severity, detail.IsMassIncident, detail.Status,
                detail.Location, detail.Address, detail.ReceivedAt, detail.ClosedAt);
            return new IncidentReplay(replayed, from, to, [.. timeline.OrderBy(e => e.Seq)], sent, MaxPointsPerTeam);
        })
            .WithTags("Incidents")
            .RequireAuthorization(AccessPolicies.Command)
            .WithSummary($"轨迹回放: the case, its timeline and every sent team's track from {Lead.TotalMinutes:0} minutes before the call to the close " +
                $"(or now), at most {MaxPointsPerTeam} points a team (thinned evenly by time)")
            .WithDescription("Leaders and duty officers whose jurisdiction covers the case; outside it the case is answered as absent (404), as GET /api/incidents/{id}.");
        return app;
    }

    /// <summary>At most <paramref name="max"/> points of a time-ordered track, spread evenly over its time: the span is
    /// cut into equal slots and each slot keeps its first point; the very last point is always kept, so the replay
    /// ends where the team really was.</summary>
    internal static IReadOnlyList<ReplayPoint> Thin(IReadOnlyList<ReplayPoint> points, int max)
    {
        if (points.Count <= max)
        {
            return points;
        }
        long start = points[0].At.UtcTicks;
        double span = Math.Max(1, points[^1].At.UtcTicks - start);
        var kept = new List<ReplayPoint>(max);
        long lastSlot = -1;
        foreach (var point in points)
        {
            long slot = (long)Math.Min(max - 1, Math.Floor((point.At.UtcTicks - start) / span * (max - 1)));
            if (slot != lastSlot)
            {
                kept.Add(point);
                lastSlot = slot;
            }
        }
        // The last slot holds only the final instant, so its first point is the last point unless several share it.
        kept[^1] = points[^1];
        return kept;
    }
}
