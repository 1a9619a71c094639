namespace Command.Silo.Disputes;

/// <summary>The ledger's API values and the words users read for them.</summary>
public static class DisputeTerms
{
    public static readonly IReadOnlyDictionary<string, string> Causes = new Dictionary<string, string>
    {
        ["neighbour"] = "邻里纠纷",
        ["marriageFamily"] = "婚姻家庭",
        ["landContract"] = "土地承包",
        ["homestead"] = "宅基地",
        ["labour"] = "劳资纠纷",
        ["landAcquisition"] = "征地拆迁",
        ["medical"] = "医疗纠纷",
        ["property"] = "物业纠纷",
        ["other"] = "其他",
    };

    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>
    {
        ["ordinary"] = "一般",
        ["major"] = "重大",
    };

    public static readonly IReadOnlyDictionary<string, string> PartyRoles = new Dictionary<string, string>
    {
        ["applicant"] = "申请人",
        ["respondent"] = "被申请人",
        ["party"] = "当事人",
    };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["mediated"] = "调解成功",
        ["failed"] = "调解不成",
        ["transferred"] = "移交",
    };

    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>
    {
        ["mediation"] = "人民调解（公调对接）",
        ["petition"] = "信访（访调对接）",
        ["court"] = "法院（诉调对接）",
    };

    /// <summary>The kind of 联动单位 that receives a handover to a body: the 司法所 runs 人民调解.</summary>
    public static string DepartmentFor(string body) => body switch
    {
        "mediation" => Command.Abstractions.Access.DepartmentKinds.Justice,
        "petition" => Command.Abstractions.Access.DepartmentKinds.Petition,
        _ => Command.Abstractions.Access.DepartmentKinds.Court,
    };

    public static string Choices(IReadOnlyDictionary<string, string> terms) =>
        Hosting.Wording.OneOf(terms.Select(t => $"{t.Key}（{t.Value}）"));
}
