namespace Command.Abstractions.Escalation;

/// <summary>三个慎用: the force-committing actions on a mass incident that need a leader's recorded approval.</summary>
public static class Gates
{
    /// <summary>慎用警力: sending more teams than the rules allow without approval.</summary>
    public const string PoliceForce = "policeForce";
    /// <summary>慎用强制措施.</summary>
    public const string CoerciveMeasures = "coerciveMeasures";
    /// <summary>慎用警械和武器.</summary>
    public const string Weapons = "weapons";

    public static readonly IReadOnlyList<string> All = [PoliceForce, CoerciveMeasures, Weapons];

    public static string Title(string gate) => gate switch
    {
        PoliceForce => "慎用警力",
        CoerciveMeasures => "慎用强制措施",
        Weapons => "慎用警械和武器",
        _ => gate,
    };
}
