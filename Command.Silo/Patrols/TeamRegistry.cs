using System.Collections.Concurrent;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Cluster;
using Command.Silo.Spatial;
using Microsoft.Extensions.Options;

namespace Command.Silo.Patrols;

/// <summary>
/// The read model of every team, kept current by the team grains, so that the status board, the map and
/// recommendations never have to wake a grain. Teams are bucketed in a grid of cells of about 5 km; a
/// recommendation searches rings of cells outwards and stops once no farther team could arrive sooner.
/// </summary>
public sealed class TeamRegistry
{
    private const double CellDegrees = 0.05;
    private readonly ConcurrentDictionary<string, TeamView> teams = new(StringComparer.Ordinal);
    private readonly Dictionary<(int X, int Y), HashSet<string>> cells = [];
    private readonly Dictionary<string, (int X, int Y)> cellOf = new(StringComparer.Ordinal);
    private readonly object indexGate = new();

    private readonly ConcurrentDictionary<string, TeamPosition> stored = new(StringComparer.Ordinal);

    // The teams out for each incident. Every incident push asks for them, and scanning 10,000 teams per push made
    // fan-out to consoles cost a quarter of what a bare hub broadcast costs; a team's incident changes rarely.
    private readonly Dictionary<string, HashSet<string>> byIncident = new(StringComparer.Ordinal);
    private readonly Lock incidentGate = new();

    private readonly IOptions<DispatchOptions> options;
    private readonly TimeProvider time;
    private readonly IClusterFeed feed;

    public TeamRegistry(IOptions<DispatchOptions> options, TimeProvider time, IClusterFeed feed)
    {
        this.options = options;
        this.time = time;
        this.feed = feed;
        feed.Subscribe<TeamView>(FeedKinds.Team, Apply);
    }

    public int Count => teams.Count;

    /// <summary>The last positions the telemetry store kept, loaded at start before the team grains wake.</summary>
    public void LoadStoredPositions(IReadOnlyDictionary<string, TeamPosition> positions)
    {
        foreach (var (teamId, position) in positions)
        {
            stored[teamId] = position;
        }
    }

    /// <summary>A view never goes back: its journal version orders changes of state, and a report's time orders moves
    /// (they are not journaled). A reload that asked the grain just before the team moved, or a late message from a silo
    /// the team has left, changes nothing.</summary>
    private static bool IsOlder(TeamView view, TeamView held) =>
        view.Version < held.Version
        || (view.Version == held.Version && view.Position is { } moved && held.Position is { } last && moved.At < last.At);

    public TeamPosition? LastKnownPosition(string teamId) =>
        teams.TryGetValue(teamId, out var view) && view.Position is not null ? view.Position : stored.GetValueOrDefault(teamId);

    /// <summary>A team's grain calls this from its own turns only, so updates of one team never race each other.
    /// The other silos hear of it through the cluster feed.</summary>
    public void Update(TeamView view)
    {
        Apply(view);
        feed.Publish(FeedKinds.Team, view.Id, view);
    }

    /// <summary>A team's view as another silo published it, or as its grain answered at start.</summary>
    public void Apply(TeamView view)
    {
        if (teams.TryGetValue(view.Id, out var previous) && IsOlder(view, previous))
        {
            return;
        }
        string? previousIncident = previous?.IncidentId;
        teams[view.Id] = view;
        if (previousIncident != view.IncidentId)
        {
            lock (incidentGate)
            {
                if (previousIncident is not null && byIncident.TryGetValue(previousIncident, out var left) && left.Remove(view.Id) && left.Count == 0)
                {
                    byIncident.Remove(previousIncident);
                }
                if (view.IncidentId is not null)
                {
                    if (!byIncident.TryGetValue(view.IncidentId, out var joined))
                    {
                        byIncident[view.IncidentId] = joined = new HashSet<string>(StringComparer.Ordinal);
                    }
                    joined.Add(view.Id);
                }
            }
        }
        if (view.Position is not { } position)
        {
            return;
        }
        var cell = CellOf(position.Lon, position.Lat);
        lock (indexGate)
        {
            if (cellOf.TryGetValue(view.Id, out var old))
            {
                if (old == cell)
                {
                    return;
                }
                cells[old].Remove(view.Id);
            }
            cellOf[view.Id] = cell;
            if (!cells.TryGetValue(cell, out var members))
            {
                cells[cell] = members = [];
            }
            members.Add(view.Id);
        }
    }

    public TeamView? Find(string teamId) => teams.TryGetValue(teamId, out var view) ? WithStaleness(view) : null;

    public IEnumerable<TeamView> All() => teams.Values.Select(WithStaleness);

    // Routing and scoping need only where a team belongs and what it is out for: these skip the staleness copy that
    // Find and All make of every view, since they run for every pushed event and every scoped read.

    public string? JurisdictionOf(string teamId) => teams.TryGetValue(teamId, out var view) ? view.JurisdictionId : null;

    public string? IncidentOf(string teamId) => teams.TryGetValue(teamId, out var view) ? view.IncidentId : null;

    /// <summary>Another team that answers to <paramref name="callsign"/> (compared by <see cref="Callsigns.Key"/>), if any.
    /// A scan: commissioning is rare, and it keeps the hot path of positions free of normalising callsigns.</summary>
    public TeamView? CallsignHolder(string callsign, string exceptTeamId)
    {
        string key = Callsigns.Key(callsign);
        return teams.Values.FirstOrDefault(t => t.Id != exceptTeamId && Callsigns.Key(t.Callsign) == key) is { } holder ? WithStaleness(holder) : null;
    }

    /// <summary>The teams out for an incident now.</summary>
    public IReadOnlyList<string> TeamsAt(string incidentId)
    {
        lock (incidentGate)
        {
            return byIncident.TryGetValue(incidentId, out var teamIds) ? [.. teamIds] : [];
        }
    }

    public bool IsStale(TeamView view) =>
        view.Position is null || time.GetUtcNow() - view.Position.At > options.Value.StaleAfter;

    /// <summary>Available, non-stale teams that carry what the incident type needs, by estimated arrival.</summary>
    /// <summary>The <paramref name="limit"/> quickest available teams; <paramref name="eligible"/> narrows the teams
    /// considered (to those the dispatcher may send).</summary>
    public IReadOnlyList<Recommendation> Recommend(double lon, double lat, IncidentType type, int limit, Func<TeamView, bool>? eligible = null) =>
        Recommend(lon, lat, options.Value.RequiredFor(type, false), limit, eligible);

    /// <summary>Teams for an incident as it is now (an upgrade to a mass incident needs 防暴装备), arriving within
    /// <see cref="DispatchOptions.MaxRecommendedEta"/>.</summary>
    public IReadOnlyList<Recommendation> RecommendFor(IncidentSummary incident, int limit, Func<TeamView, bool>? eligible = null) =>
        Recommend(incident.Location.Lon, incident.Location.Lat, options.Value.RequiredFor(incident.Type, incident.IsMassIncident), limit,
            eligible, options.Value.MaxRecommendedEta.TotalSeconds);

    /// <summary>The <paramref name="limit"/> quickest available teams that carry <paramref name="required"/> and arrive
    /// within <paramref name="maxEtaSeconds"/> when given.</summary>
    public IReadOnlyList<Recommendation> Recommend(double lon, double lat, IReadOnlyList<string> required, int limit,
        Func<TeamView, bool>? eligible = null, double? maxEtaSeconds = null)
    {
        var dispatch = options.Value;
        double fastest = dispatch.SpeedKmh.Values.Max() / 3.6;
        double quickestTurnout = dispatch.TurnoutSeconds.Values.Min();
        var (perLon, perLat) = GeoMath.MetersPerDegree(lat);
        double ringMeters = CellDegrees * Math.Min(perLon, perLat);
        var (cx, cy) = CellOf(lon, lat);
        var best = new List<Recommendation>();
        int maxRing = (int)Math.Ceiling(360 / CellDegrees);

        for (int ring = 0; ring <= maxRing; ring++)
        {
            // Every team outside ring r-1 is at least (r-1) cells away: once that bound beats the k-th best, stop.
            if (best.Count >= limit)
            {
                double bound = quickestTurnout + Math.Max(0, ring - 1) * ringMeters * dispatch.DetourFactor / fastest;
                if (bound > best[limit - 1].EtaSeconds)
                {
                    break;
                }
            }
            // Nothing outside ring r-1 can arrive within the cap once its nearest possible arrival is past it.
            if (maxEtaSeconds is { } cap && quickestTurnout + Math.Max(0, ring - 1) * ringMeters * dispatch.DetourFactor / fastest > cap)
            {
                break;
            }
            if (ring > 0 && !AnyCellBeyond(cx, cy, ring))
            {
                break;
            }
            foreach (var teamId in TeamsInRing(cx, cy, ring))
            {
                if (!teams.TryGetValue(teamId, out var team) || team.Status != TeamStatus.Available || IsStale(team)
                    || required.Any(r => !team.Equipment.Contains(r)) || (eligible is not null && !eligible(team)))
                {
                    continue;
                }
                double distance = GeoMath.DistanceMeters(lon, lat, team.Position!.Lon, team.Position.Lat);
                double eta = dispatch.EtaSeconds(team.Mode, distance);
                if (eta > maxEtaSeconds)
                {
                    continue;
                }
                best.Add(new Recommendation(team.Id, team.Callsign, team.Mode, Math.Round(eta, 1),
                    Math.Round(distance, 1), team.JurisdictionId, team.Equipment));
            }
            best.Sort((a, b) => a.EtaSeconds != b.EtaSeconds ? a.EtaSeconds.CompareTo(b.EtaSeconds) : string.CompareOrdinal(a.TeamId, b.TeamId));
            if (best.Count > limit)
            {
                best.RemoveRange(limit, best.Count - limit);
            }
        }
        return best;
    }

    private List<string> TeamsInRing(int cx, int cy, int ring)
    {
        var found = new List<string>();
        lock (indexGate)
        {
            for (int x = cx - ring; x <= cx + ring; x++)
            {
                for (int y = cy - ring; y <= cy + ring; y++)
                {
                    if ((Math.Abs(x - cx) == ring || Math.Abs(y - cy) == ring) && cells.TryGetValue((x, y), out var members))
                    {
                        found.AddRange(members);
                    }
                }
            }
        }
        return found;
    }

    private bool AnyCellBeyond(int cx, int cy, int ring)
    {
        lock (indexGate)
        {
            return cells.Any(c => c.Value.Count > 0 && Math.Max(Math.Abs(c.Key.X - cx), Math.Abs(c.Key.Y - cy)) >= ring);
        }
    }

    private TeamView WithStaleness(TeamView view)
    {
        bool stale = IsStale(view);
        return stale == view.Stale ? view : view with { Stale = stale };
    }

    private static (int X, int Y) CellOf(double lon, double lat) => ((int)Math.Floor(lon / CellDegrees), (int)Math.Floor(lat / CellDegrees));
}
