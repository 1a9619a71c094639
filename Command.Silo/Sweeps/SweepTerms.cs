namespace Command.Silo.Sweeps;

/// <summary>The states' API values and the words users read for them.</summary>
public static class SweepTerms
{
    public static readonly IReadOnlyDictionary<string, string> States = new Dictionary<string, string>
    {
        ["pending"] = "待报",
        ["reported"] = "已报",
        ["zeroReport"] = "零报告",
        ["overdue"] = "逾期未报",
        ["late"] = "迟报",
    };
}
