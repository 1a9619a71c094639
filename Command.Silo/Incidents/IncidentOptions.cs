namespace Command.Silo.Incidents;

public sealed class IncidentOptions
{
    /// <summary>The first part of a case number: LC for 聊城.</summary>
    public string NumberPrefix { get; set; } = "LC";

    /// <summary>Case numbers use the local date; China Standard Time has no daylight saving.</summary>
    public TimeSpan LocalUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Characters in one report (信息报送, 书面报告). A 续报 runs to a few hundred characters and a 24-hour written report
    /// to two or three thousand; longer material goes as an attachment through the usual channels, not into the timeline.
    /// </summary>
    public int MaxReportLength { get; set; } = 4_000;

    /// <summary>
    /// Reports one incident keeps. A 群体性事件 handled over a long day, reported upward every few minutes at its height,
    /// stays well inside 300; at 4,000 characters each that bounds one incident's reports to about 1.2 million characters.
    /// </summary>
    public int MaxReportsPerIncident { get; set; } = 300;

    /// <summary>
    /// Other entries people add to one incident's timeline: crowd revisions, severity changes, leader check-ins,
    /// 三个慎用 requests, decisions and measures, and backup requests. A long mass incident revises its crowd and checks
    /// leaders in a few dozen times; 500 leaves room for that many times over.
    /// </summary>
    public int MaxUpdatesPerIncident { get; set; } = 500;

    /// <summary>GET /api/incidents answers this many incidents per page when the caller names no ?limit=.</summary>
    public int ListPageSize { get; set; } = 200;

    /// <summary>The largest page a caller may ask for with ?limit=: about 1 MB of summaries.</summary>
    public int ListPageSizeMax { get; set; } = 1000;

    /// <summary>A 转警 that the target jurisdiction has not signed for (签收) within this time is flagged to both sides.</summary>
    public TimeSpan TransferSignWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A 联动单位 that goes to the scene at once (消防, 120, 交警, 供电) signs for its call (签收) within this.</summary>
    public TimeSpan DepartmentReceiptWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The other 联动单位 (信访, 司法所, 城管, 法院) sign within this: they come in the course of the day, not with sirens.</summary>
    public TimeSpan DepartmentRoutineReceiptWithin { get; set; } = TimeSpan.FromMinutes(30);
}
