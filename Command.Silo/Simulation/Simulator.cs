using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Spatial;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace Command.Silo.Simulation;

/// <summary>
/// --simulate: a living demo. Every second the teams' phones report positions (patrolling teams wander inside their
/// county, dispatched ones drive to the scene), calls arrive at the given rate, and a simulated duty officer sends
/// the best-ranked team to the calls it raised itself and closes them once handled; calls taken by a person are left to that person. It talks to the same grains
/// as the HTTP API, so everything it does is journaled and pushed like real work.
/// </summary>
internal sealed class Simulator(
    IOptions<SiloOptions> options,
    Readiness readiness,
    TeamRegistry teams,
    IncidentCatalog catalog,
    IncidentIntake intake,
    Escalation.CommandRules rules,
    JurisdictionMap map,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<Simulator> logger) : BackgroundService
{
    private const string Actor = "模拟器";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly Random random = new(20261121);
    private readonly Dictionary<string, double> headings = [];
    private readonly HashSet<string> raised = [];
    private double callsDue;

    private static readonly (IncidentChannel Channel, IncidentType Type, string Description)[] calls =
    [
        (IncidentChannel.Police, IncidentType.PublicOrder, "有人在饭店门口打架，约三四个人"),
        (IncidentChannel.Police, IncidentType.Criminal, "电动车被盗，车主在现场等候"),
        (IncidentChannel.Police, IncidentType.Dispute, "邻里因宅基地纠纷发生争吵"),
        (IncidentChannel.Police, IncidentType.Dispute, "劳资纠纷，十余名工人讨要工资"),
        (IncidentChannel.Police, IncidentType.Other, "老人走失，家属求助"),
        (IncidentChannel.Fire, IncidentType.Fire, "民房起火，浓烟较大"),
        (IncidentChannel.Fire, IncidentType.Fire, "麦秸垛着火"),
        (IncidentChannel.Medical, IncidentType.Medical, "老人突发晕厥，需要急救"),
        (IncidentChannel.Traffic, IncidentType.Traffic, "两车相撞，有人受伤"),
        (IncidentChannel.Traffic, IncidentType.Traffic, "货车侧翻，占用车道"),
        (IncidentChannel.Police, IncidentType.WorkSafety, "工地脚手架坍塌"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SimulateRate is not { } rate)
        {
            return;
        }
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
        }
        logger.LogInformation("Simulating {Teams} teams and {Rate} calls per minute", teams.Count, rate);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(rate);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Simulation step failed");
            }
            await Task.Delay(Tick, time, stoppingToken);
        }
    }

    private async Task StepAsync(double ratePerMinute)
    {
        var now = time.GetUtcNow();
        foreach (var team in teams.All().ToList())
        {
            await MoveTeamAsync(team, now);
        }
        callsDue += ratePerMinute / 60 * Tick.TotalSeconds;
        while (callsDue >= 1)
        {
            callsDue -= 1;
            await RaiseCallAsync();
        }
        // Only its own calls: what a person takes stays in that person's hands.
        foreach (var incident in catalog.All().Where(i => raised.Contains(i.Id) && i.Status != IncidentStatus.Closed).ToList())
        {
            await ActAsDutyOfficerAsync(incident, now);
        }
    }

    private async Task MoveTeamAsync(TeamView team, DateTimeOffset now)
    {
        if (team.Position is null || team.Status == TeamStatus.OffDuty)
        {
            return;
        }
        var grain = grains.GetGrain<IPatrolTeamGrain>(team.Id);
        double inStatus = (now - team.StatusSince).TotalSeconds;
        switch (team.Status)
        {
            case TeamStatus.Dispatched when inStatus > 8:
                await TryAsync(() => grain.ReportStatus(TeamStatus.EnRoute, team.Callsign));
                return;
            case TeamStatus.EnRoute when team.IncidentId is not null && catalog.Find(team.IncidentId) is { } incident:
                var target = incident.Location;
                double distance = GeoMath.DistanceMeters(team.Position.Lon, team.Position.Lat, target.Lon, target.Lat);
                double step = SpeedMps(team.Mode, driving: true) * Tick.TotalSeconds;
                if (distance <= Math.Max(step, 60))
                {
                    await grain.ReportPosition(new TeamPosition(target.Lon, target.Lat, now, null, 0));
                    await TryAsync(() => grain.ReportStatus(TeamStatus.OnScene, team.Callsign));
                    return;
                }
                double heading = Bearing(team.Position.Lon, team.Position.Lat, target.Lon, target.Lat);
                await grain.ReportPosition(Advance(team.Position, heading, step, now));
                return;
            case TeamStatus.Returning when inStatus > 45:
                await TryAsync(() => grain.ReportStatus(TeamStatus.Available, team.Callsign));
                return;
            case TeamStatus.Available or TeamStatus.Returning when team.Mode != TeamMode.Checkpoint:
                await grain.ReportPosition(Wander(team, now));
                return;
            case TeamStatus.Available or TeamStatus.Returning or TeamStatus.OnScene:
                // Standing still still reports, as a phone does: a team that stops reporting turns stale.
                await grain.ReportPosition(team.Position with { At = now, SpeedMps = 0 });
                return;
        }
    }

    private TeamPosition Wander(TeamView team, DateTimeOffset now)
    {
        double heading = headings.TryGetValue(team.Id, out double h) ? h : random.NextDouble() * 360;
        heading = (heading + (random.NextDouble() - 0.5) * 40 + 360) % 360;
        double step = SpeedMps(team.Mode, driving: false) * Tick.TotalSeconds;
        var next = Advance(team.Position!, heading, step, now);
        var home = map.Find(team.JurisdictionId);
        if (home is not null && !home.Prepared.Covers(GeoJson.Factory.CreatePoint(new Coordinate(next.Lon, next.Lat))))
        {
            // Turn back at the county border: patrols stay in their own jurisdiction.
            heading = (heading + 180 + (random.NextDouble() - 0.5) * 60) % 360;
            next = Advance(team.Position!, heading, step, now);
        }
        headings[team.Id] = heading;
        return next;
    }

    private static readonly (string Cause, string Description)[] gatherings =
    [
        ("labourDispute", "工地工人聚集讨要拖欠工资，情绪激动"),
        ("landAcquisition", "村民因征地补偿问题聚集在村委会门口"),
        ("environment", "群众因工厂排污聚集，堵塞道路"),
        ("petitioning", "信访群众聚集在乡镇政府门口"),
    ];

    private async Task RaiseCallAsync()
    {
        var (channel, type, description) = calls[random.Next(calls.Length)];
        var counties = map.Counties.ToList();
        var county = counties[random.Next(counties.Count)];
        var point = DemoCity.RandomPointIn(county.Boundary, county.Prepared, random);
        int? crowd = null;
        string? cause = null;
        if (random.Next(12) == 0)
        {
            // About one call in twelve is a gathering: the golden window and escalation come alive on the map.
            (cause, description) = gatherings[random.Next(gatherings.Length)];
            (channel, type, crowd) = (IncidentChannel.Police, IncidentType.MassIncident, random.Next(40, 400));
        }
        int severity = crowd is { } size ? rules.SeverityForCrowd(size, Severity.Max) : Severity.DefaultFor(type);
        var call = new IncidentCall(channel, type, severity, new GeoPoint(Math.Round(point.X, 6), Math.Round(point.Y, 6)),
            $"{county.Name}（模拟地址）", description, null, crowd, cause);
        raised.Add((await intake.ReceiveAsync(call, Actor)).Id);
    }

    private async Task ActAsDutyOfficerAsync(IncidentSummary incident, DateTimeOffset now)
    {
        var grain = grains.GetGrain<IIncidentGrain>(incident.Id);
        double inStatus = (now - incident.StatusSince).TotalSeconds;
        switch (incident.Status)
        {
            case IncidentStatus.Received when inStatus > 20:
                var best = teams.Recommend(incident.Location.Lon, incident.Location.Lat, incident.Type, 1);
                if (best.Count > 0)
                {
                    await TryAsync(() => grain.Assign(best[0].TeamId, Actor));
                }
                break;
            case IncidentStatus.OnScene when inStatus > 30:
                await TryAsync(() => grain.StartHandling("现场处置中（模拟）", Actor));
                break;
            case IncidentStatus.Handling when inStatus > 90:
                await TryAsync(() => grain.Close("现场处置完毕（模拟）", Actor));
                break;
        }
    }

    private static async Task TryAsync<T>(Func<Task<T>> action)
    {
        try
        {
            await action();
        }
        catch (CommandRejectedException)
        {
            // A person may have acted first; the simulator just moves on.
        }
    }

    private static double SpeedMps(TeamMode mode, bool driving) => mode switch
    {
        TeamMode.Foot => 1.4,
        TeamMode.Motorcycle => driving ? 12 : 6,
        _ => driving ? 14 : 7,
    };

    private static TeamPosition Advance(TeamPosition from, double headingDeg, double meters, DateTimeOffset at)
    {
        var (perLon, perLat) = GeoMath.MetersPerDegree(from.Lat);
        double radians = headingDeg * Math.PI / 180;
        return new TeamPosition(
            Math.Round(from.Lon + meters * Math.Sin(radians) / perLon, 6),
            Math.Round(from.Lat + meters * Math.Cos(radians) / perLat, 6),
            at, Math.Round(headingDeg, 1), Math.Round(meters / Tick.TotalSeconds, 1));
    }

    private static double Bearing(double lon1, double lat1, double lon2, double lat2)
    {
        var (perLon, perLat) = GeoMath.MetersPerDegree(lat1);
        double dx = (lon2 - lon1) * perLon, dy = (lat2 - lat1) * perLat;
        return (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
    }
}
