using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Patrols;
using Command.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Command.Tests.Patrols;

public sealed class RecommendationTests
{
    private readonly FakeTimeProvider time = TestClock.Create();
    private readonly TeamRegistry registry;
    private const double Lon = 115.45, Lat = 36.49;

    public RecommendationTests() => registry = new TeamRegistry(Options.Create(new DispatchOptions()), time, new Command.Silo.Cluster.LocalFeed());

    private void Team(string id, TeamMode mode, double northMeters, TeamStatus status = TeamStatus.Available, string[]? equipment = null, TimeSpan? age = null)
    {
        double lat = Lat + northMeters / 111_195;
        registry.Update(new TeamView(id, id, mode, status, time.GetUtcNow(), 8, "队长", ["队长"], equipment ?? ["对讲机"], "371525",
            new TeamPosition(Lon, lat, time.GetUtcNow() - (age ?? TimeSpan.Zero)), false, null, 1));
    }

    [Fact]
    public void ACarFartherAwayBeatsAWalkerNearbyWhenItArrivesSooner()
    {
        Team("walker", TeamMode.Foot, 500);   // 30 s + 650 m at 5 km/h ≈ 498 s
        Team("car", TeamMode.Vehicle, 3000);  // 60 s + 3,900 m at 45 km/h ≈ 372 s

        var ranked = registry.Recommend(Lon, Lat, IncidentType.PublicOrder, 5);

        Assert.Equal(["car", "walker"], ranked.Select(r => r.TeamId));
        Assert.Equal(372, ranked[0].EtaSeconds, 0);
        Assert.Equal(3000, ranked[0].DistanceMeters, 0);
    }

    [Fact]
    public void TheSearchReachesTeamsFarAwayWhenNoneIsNear()
    {
        Team("far", TeamMode.Vehicle, 60_000);

        Assert.Equal("far", Assert.Single(registry.Recommend(Lon, Lat, IncidentType.Traffic, 3)).TeamId);
    }

    [Fact]
    public void LimitKeepsTheSoonestTeams()
    {
        for (int i = 1; i <= 30; i++)
        {
            Team($"t{i:00}", TeamMode.Vehicle, i * 700);
        }

        Assert.Equal(["t01", "t02", "t03"], registry.Recommend(Lon, Lat, IncidentType.Traffic, 3).Select(r => r.TeamId));
    }

    [Fact]
    public void BusyStaleAndUnequippedTeamsAreLeftOut()
    {
        Team("busy", TeamMode.Vehicle, 100, TeamStatus.Dispatched);
        Team("stale", TeamMode.Vehicle, 200, age: TimeSpan.FromMinutes(3));
        Team("plain", TeamMode.Vehicle, 300);
        Team("riot", TeamMode.Vehicle, 400, equipment: ["对讲机", "防暴装备"]);

        Assert.Equal(["plain", "riot"], registry.Recommend(Lon, Lat, IncidentType.Dispute, 5).Select(r => r.TeamId));
        Assert.Equal(["riot"], registry.Recommend(Lon, Lat, IncidentType.MassIncident, 5).Select(r => r.TeamId));
    }

    [Fact]
    public void ATeamHoursAwayIsLeftOutUnderTheArrivalCap()
    {
        Team("near", TeamMode.Vehicle, 5_000);
        Team("far", TeamMode.Vehicle, 60_000);   // 60 s + 78 km at 45 km/h ≈ 105 min

        var ranked = registry.Recommend(Lon, Lat, [], 5, maxEtaSeconds: 3600);

        Assert.Equal(["near"], ranked.Select(r => r.TeamId));
    }

    [Fact]
    public void AMassIncidentOfAnyOriginalTypeNeedsRiotGear()
    {
        var options = new DispatchOptions();

        Assert.Empty(options.RequiredFor(IncidentType.PublicOrder, isMassIncident: false));
        Assert.Equal(["防暴装备"], options.RequiredFor(IncidentType.PublicOrder, isMassIncident: true));
        Assert.Equal(["防爆器材", "防暴装备"], options.RequiredFor(IncidentType.Hazmat, isMassIncident: true));
    }
}
