using Command.Abstractions.Access;
using Command.Tests.Support;

namespace Command.Tests.Access;

/// <summary>GET /api/colleagues: whom a duty officer or leader may hand a 督办 item or a dispute to, by name, never
/// beyond their own jurisdiction.</summary>
public sealed class ColleagueTests : AppTest
{
    [Fact]
    public async Task ACountyOfficerIsOfferedTheCountysPeopleAndDepartmentsAndNobodyNextDoor()
    {
        var people = await CommandApp.Get<List<Colleague>>(app.Api("gx.duty"), "/api/colleagues");
        var names = people.Select(p => p.Username).ToList();
        Assert.Contains("gx.leader", names);
        Assert.Contains("gcg.leader", names);
        Assert.Contains("lt.leader", names);
        Assert.Contains("gx.justice", names);
        Assert.DoesNotContain(names, n => n.StartsWith("sx.", StringComparison.Ordinal) || n.StartsWith("lc.", StringComparison.Ordinal));
        // Patrol leaders, terminals and administrators are not handed such work.
        Assert.DoesNotContain("gx.patrol", names);
        Assert.DoesNotContain("gx.admin", names);
        var justice = Assert.Single(people, p => p.Username == "gx.justice");
        Assert.Equal(("冠城关司法所", Role.Department, "冠城关街道", DepartmentKinds.Justice), (justice.DisplayName, justice.Role, justice.JurisdictionName, justice.Department));
        // The county's own people first, then the township's, then the village's.
        Assert.True(names.IndexOf("gx.leader") < names.IndexOf("gcg.leader") && names.IndexOf("gcg.leader") < names.IndexOf("lt.leader"));

        var township = await CommandApp.Get<List<Colleague>>(app.Api("gcg.leader"), "/api/colleagues");
        Assert.DoesNotContain(township, p => p.Username == "gx.duty");
        Assert.Contains(township, p => p.Username == "lt.leader");
    }
}
