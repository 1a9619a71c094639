using System.Collections.Frozen;

namespace Command.Abstractions.Access;

/// <summary>
/// The kinds of 联动单位 a case can call in. A fixed list, so that the console, the rules and the statistics speak of
/// the same departments; each account of role <see cref="Role.Department"/> is one of them.
/// </summary>
public static class DepartmentKinds
{
    public const string Fire = "fire";
    public const string Medical = "medical";
    public const string Traffic = "traffic";
    public const string Petition = "petition";
    public const string Justice = "justice";
    public const string UrbanManagement = "urbanManagement";
    public const string Power = "power";
    public const string Court = "court";

    /// <summary>Each kind with the name people use for it.</summary>
    public static IReadOnlyList<(string Kind, string Name)> All { get; } =
    [
        (Fire, "消防救援"),
        (Medical, "120急救"),
        (Traffic, "交警"),
        (Petition, "信访"),
        (Justice, "司法所"),
        (UrbanManagement, "城管"),
        (Power, "供电"),
        (Court, "人民法院"),
    ];

    private static readonly FrozenDictionary<string, string> names = All.ToFrozenDictionary(k => k.Kind, k => k.Name, StringComparer.Ordinal);

    /// <summary>Those who go to a scene at once: their 签收 is due within minutes (the others' within half an hour).</summary>
    public static FrozenSet<string> Emergency { get; } = FrozenSet.ToFrozenSet([Fire, Medical, Traffic, Power], StringComparer.Ordinal);

    public static bool IsKnown(string? kind) => kind is not null && names.ContainsKey(kind);

    public static string NameOf(string? kind) => kind is not null && names.TryGetValue(kind, out var name) ? name : "联动单位";
}
