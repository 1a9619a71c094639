using Orleans;
namespace Command.Abstractions.Access;

/// <summary>What a signed-in principal is to the command system. Every user is also bound to one jurisdiction.</summary>
[GenerateSerializer]
public enum Role
{
    /// <summary>值班员: takes calls, dispatches, follows incidents within their jurisdiction.</summary>
    DutyOfficer,

    /// <summary>巡防队长: acts for one team only.</summary>
    PatrolLeader,

    /// <summary>领导: acknowledges escalations, approves 三个慎用 gates, checks in on scene.</summary>
    Leader,

    /// <summary>系统管理员: users, terminal tokens and the audit journal; sees no case data.</summary>
    Admin,

    /// <summary>巡防终端: a team's device, which reports that team's positions and status and nothing else.</summary>
    Device,

    /// <summary>联动单位: a department called into cases (消防, 120, 交警…); it sees only the cases it is called into,
    /// signs for them (签收) and reports back (反馈), nothing else.</summary>
    Department,
}
