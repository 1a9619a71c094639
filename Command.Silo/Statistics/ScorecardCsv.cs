using System.Globalization;
using System.Text;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Statistics;

namespace Command.Silo.Statistics;

/// <summary>
/// The scorecard as a spreadsheet: UTF-8 with a byte-order mark (so that Excel on a Chinese Windows reads it as UTF-8,
/// not GBK), Chinese headers, one row per child jurisdiction and the total last. A cell that a spreadsheet would take
/// for a formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, and a cell with a
/// comma, a quote or a line break is quoted (RFC 4180).
/// </summary>
public static class ScorecardCsv
{
    public static readonly string[] Headers =
    [
        "辖区编码", "辖区", "级别", "接警数", "派警数", "派警用时中位数(秒)", "派警用时P90(秒)", "派警超时数", "派警超时率",
        "到场数", "到场用时中位数(秒)", "到场用时P90(秒)", "群体性事件数", "重大群体性事件数", "黄金处置节点数", "节点超时数", "节点超时率",
        "督办数", "签收数", "签收用时中位数(秒)", "重大案件数", "书面报告按时", "书面报告迟报", "书面报告漏报", "书面报告未到期",
        "矛盾激化点数", "一票否决风险", "统计开始", "统计结束",
    ];

    public static byte[] Write(Scorecard scorecard)
    {
        var text = new StringBuilder();
        Line(text, Headers);
        foreach (var row in scorecard.Rows)
        {
            Line(text, Cells(row, row.Name, scorecard));
        }
        Line(text, Cells(scorecard.Total, scorecard.Total.Name + "（合计）", scorecard));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string[] Cells(ScorecardRow r, string name, Scorecard s) =>
    [
        r.JurisdictionId, name, Level(r.Level), N(r.Cases), N(r.Dispatched), N(r.DispatchMedianSeconds), N(r.DispatchP90Seconds), N(r.DispatchOverdue),
        Rate(r.OverdueRate), N(r.Arrived), N(r.ArrivalMedianSeconds), N(r.ArrivalP90Seconds), N(r.MassIncidents), N(r.MajorMassIncidents),
        N(r.Milestones), N(r.Breaches), Rate(r.BreachRate), N(r.EscalationsRaised), N(r.EscalationsAcknowledged), N(r.AckMedianSeconds),
        N(r.MajorCases), N(r.ReportsOnTime), N(r.ReportsLate), N(r.ReportsMissing), N(r.ReportsPending), N(r.RepeatPlaces),
        string.Join("；", r.VetoFlags.Select(v => $"{v.Title} {v.Number}")),
        s.From.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.To.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    ];

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Cell));
        text.Append("\r\n");
    }

    /// <summary>One cell, safe to open in a spreadsheet.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Rate(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    private static string Level(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.City => "市",
        JurisdictionLevel.County => "县（市、区）",
        JurisdictionLevel.Township => "乡镇（街道）",
        JurisdictionLevel.Village => "村（社区）",
        _ => "网格",
    };
}
