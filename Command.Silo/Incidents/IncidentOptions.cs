namespace Command.Silo.Incidents;

public sealed class IncidentOptions
{
    /// <summary>The first part of a case number: LC for 聊城.</summary>
    public string NumberPrefix { get; set; } = "LC";

    /// <summary>Case numbers use the local date; China Standard Time has no daylight saving.</summary>
    public TimeSpan LocalUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>GET /api/incidents answers this many incidents per page when the caller names no ?limit=.</summary>
    public int ListPageSize { get; set; } = 200;

    /// <summary>The largest page a caller may ask for with ?limit=: about 1 MB of summaries.</summary>
    public int ListPageSizeMax { get; set; } = 1000;
}
