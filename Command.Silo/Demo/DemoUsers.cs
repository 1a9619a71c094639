using Command.Abstractions.Access;

namespace Command.Silo.Demo;

/// <summary>
/// The demo city's accounts, listed in the README. They share one published password, which is fine for a demo and wrong
/// anywhere else, so they are created only with --demo in a development setting (<see cref="AllowedIn"/>), and a silo
/// started anywhere else refuses to serve while one of them still has that password (Access.AccessBootstrap).
/// </summary>
public static class DemoUsers
{
    public const string Password = "demo-2026";

    /// <summary>The actor the demo seed writes as; no person's actor is ever this.</summary>
    public const string Seeder = "demo";

    /// <summary>The environment the tests run the silo in, in process and as a process.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>A development setting: the Development environment (dotnet run, through launchSettings.json) or the tests'.</summary>
    public static bool AllowedIn(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);

    public const string GuanxianId = "371525";
    public const string ShenxianId = "371522";

    /// <summary>冠城关街道, the township around the demo's scenes (115.45, 36.49), and 吕堂社区, its village there.</summary>
    public const string GuanchengguanId = "371525-t01";

    public const string LvtangId = "371525-t01-v01";

    public static IReadOnlyList<(string Username, UserProfile Profile)> All { get; } =
    [
        ("admin", new UserProfile("系统管理员", Role.Admin, Jurisdictions.JurisdictionMap.CityId, null)),
        ("lc.duty", new UserProfile("张伟", Role.DutyOfficer, Jurisdictions.JurisdictionMap.CityId, null)),
        ("lc.leader", new UserProfile("李强", Role.Leader, Jurisdictions.JurisdictionMap.CityId, null)),
        ("gx.duty", new UserProfile("王磊", Role.DutyOfficer, GuanxianId, null)),
        ("gx.leader", new UserProfile("赵敏", Role.Leader, GuanxianId, null)),
        ("gx.patrol", new UserProfile("刘洋", Role.PatrolLeader, GuanxianId, $"team-{GuanxianId}-01")),
        ("sx.duty", new UserProfile("陈静", Role.DutyOfficer, ShenxianId, null)),
        ("sx.leader", new UserProfile("孙涛", Role.Leader, ShenxianId, null)),
        ("sx.patrol", new UserProfile("周杰", Role.PatrolLeader, ShenxianId, $"team-{ShenxianId}-01")),
        // Escalations start in the village and the township: their leaders sign for them first.
        ("gcg.leader", new UserProfile("何平", Role.Leader, GuanchengguanId, null)),
        ("lt.leader", new UserProfile("马丽", Role.Leader, LvtangId, null)),
        // 联动单位 of 冠县, called into its cases; the 司法所 is the township's.
        ("gx.fire", new UserProfile("冠县消防救援大队", Role.Department, GuanxianId, null, DepartmentKinds.Fire)),
        ("gx.120", new UserProfile("冠县急救中心", Role.Department, GuanxianId, null, DepartmentKinds.Medical)),
        ("gx.traffic", new UserProfile("冠县交警大队", Role.Department, GuanxianId, null, DepartmentKinds.Traffic)),
        ("gx.petition", new UserProfile("冠县信访局", Role.Department, GuanxianId, null, DepartmentKinds.Petition)),
        ("gx.justice", new UserProfile("冠城关司法所", Role.Department, GuanchengguanId, null, DepartmentKinds.Justice)),
        ("gx.court", new UserProfile("冠县人民法院", Role.Department, GuanxianId, null, DepartmentKinds.Court)),
        // 莘县's own: a department serves its county only, so 冠县's are never offered on a 莘县 case.
        ("sx.fire", new UserProfile("莘县消防救援大队", Role.Department, ShenxianId, null, DepartmentKinds.Fire)),
        ("sx.120", new UserProfile("莘县急救中心", Role.Department, ShenxianId, null, DepartmentKinds.Medical)),
        ("sx.traffic", new UserProfile("莘县交警大队", Role.Department, ShenxianId, null, DepartmentKinds.Traffic)),
    ];
}
