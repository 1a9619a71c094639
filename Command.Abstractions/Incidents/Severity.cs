namespace Command.Abstractions.Incidents;

/// <summary>The national four levels: 1 = I 特别重大 … 4 = IV 一般.</summary>
public static class Severity
{
    public const int Min = 1;
    public const int Max = 4;

    public static bool IsValid(int level) => level is >= Min and <= Max;

    /// <summary>The level a call of this type gets when the call-taker gives none.</summary>
    public static int DefaultFor(IncidentType type) => type switch
    {
        IncidentType.MassIncident or IncidentType.Hazmat => 2,
        IncidentType.Criminal or IncidentType.Fire or IncidentType.WorkSafety => 3,
        _ => 4,
    };

    public static string Roman(int level) => level switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
