using System.Globalization;
using Command.Abstractions.Runtime;

namespace Command.Silo.Statistics;

/// <summary>
/// The period of a statistics request. A date (2026-11-01) is that Beijing day: as <c>from</c> its first moment, as
/// <c>to</c> the end of it, so from=2026-01-01&amp;to=2026-12-31 is the whole year. A time with an offset
/// (2026-11-01T08:00:00+08:00) is that instant, <c>to</c> exclusive. Without either, the last 30 Beijing days, today
/// included.
/// </summary>
public static class StatisticsPeriod
{
    public const int DefaultDays = 30;

    /// <summary>A year and a little over: a full year compared with the same month of the year before fits.</summary>
    public const int MaxDays = 400;

    public static (DateTimeOffset From, DateTimeOffset To) Parse(string? from, string? to, DateTimeOffset now, TimeSpan offset)
    {
        var today = new DateTimeOffset(now.ToOffset(offset).Date, offset);
        var end = Bound(to, "结束日期", offset, endOfDay: true) ?? today.AddDays(1);
        var start = Bound(from, "开始日期", offset, endOfDay: false) ?? (to is null ? today.AddDays(1 - DefaultDays) : end.AddDays(-DefaultDays));
        if (end <= start)
        {
            throw CommandRejectedException.Invalid("结束日期早于开始日期，请重新选择统计时段。");
        }
        if (end - start > TimeSpan.FromDays(MaxDays))
        {
            throw CommandRejectedException.Invalid($"统计时段最长{MaxDays}天，请缩短时段，或按年分段查询。");
        }
        return (start.ToUniversalTime(), end.ToUniversalTime());
    }

    private static DateTimeOffset? Bound(string? text, string what, TimeSpan offset, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string value = text.Trim();
        try
        {
            if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                var day = new DateTimeOffset(date, offset);
                return endOfDay ? day.AddDays(1) : day;
            }
            if (value.Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at.ToUniversalTime();
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // 0001-01-01 in Beijing time is before the first representable instant; 9999-12-31 has no day after it.
        }
        throw CommandRejectedException.Invalid($"{what}格式不对，请用“2026-01-01”这样的日期，或带时区的时间（如2026-01-01T08:00:00+08:00）。");
    }
}
