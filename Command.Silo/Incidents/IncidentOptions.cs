namespace Command.Silo.Incidents;

public sealed class IncidentOptions
{
    /// <summary>The first part of a case number: LC for 聊城.</summary>
    public string NumberPrefix { get; set; } = "LC";

    /// <summary>Case numbers use the local date; China Standard Time has no daylight saving.</summary>
    public TimeSpan LocalUtcOffset { get; set; } = TimeSpan.FromHours(8);
}
