using System.Globalization;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;

namespace Command.Silo.Hosting;

/// <summary>
/// The words a refusal uses for the API's values, so that what a duty officer reads is in their own terms: a field is
/// 经度, not lon; a team is 出警途中, not enRoute; a time is Beijing time (12月2日 14:05), never UTC. The API's own
/// names stay the keys clients use; only the sentences people read are Chinese.
/// </summary>
public static class Wording
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The Chinese label of a request field; a path such as members[2] becomes 成员第3项.</summary>
    public static string Field(string field)
    {
        int bracket = field.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && field.EndsWith(']') && int.TryParse(field[(bracket + 1)..^1], CultureInfo.InvariantCulture, out int index))
        {
            return $"{Field(field[..bracket])}第{index + 1}项";
        }
        return field switch
        {
            "lon" => "经度",
            "lat" => "纬度",
            "channel" => "报警渠道",
            "type" => "警情类别",
            "severity" => "警情等级",
            "address" => "地址",
            "description" => "警情描述",
            "callerPhone" => "报警电话",
            "crowdSize" => "聚集人数",
            "cause" => "聚集原因",
            "teamId" => "警力",
            "resolution" => "办结情况",
            "limit" => "条数",
            "before" => "翻页位置",
            "reason" => "理由",
            "note" => "说明",
            "leader" => "领导",
            "level" => "层级",
            "kind" => "报告类别",
            "text" => "报告内容",
            "handoverNote" => "交班留言",
            "gate" => "审批事项",
            "approved" => "审批结果",
            "approver" => "审批人",
            "id" => "编号",
            "callsign" => "呼号",
            "mode" => "巡防方式",
            "members" => "成员",
            "equipment" => "装备",
            "jurisdictionId" => "辖区",
            "leaderPhone" => "队长电话",
            "at" => "定位时间",
            "headingDeg" => "航向",
            "speedMps" => "速度",
            "status" => "状态",
            "username" => "用户名",
            "displayName" => "姓名",
            "role" => "角色",
            "password" => "密码",
            "currentPassword" => "当前密码",
            "newPassword" => "新密码",
            "date" => "日期",
            "name" => "名称",
            "title" => "职务",
            "label" => "名称",
            "shape" => "图形",
            "bbox" => "范围",
            "returnUrl" => "返回页面",
            "active" => "筛选条件",
            "open" => "筛选条件",
            "task" => "督办事项",
            "shifts" => "班次",
            "owner" => "责任人",
            "dueAt" => "办结时限",
            "state" => "筛选条件",
            "parties" => "当事人",
            "disputeCause" => "纠纷类别",
            "disputeDescription" => "纠纷情况",
            "disputeLevel" => "纠纷等级",
            "outcome" => "调处结果",
            "body" => "对接部门",
            "receiver" => "接收人",
            "success" => "调解是否成功",
            "incidentId" => "关联警情",
            "sweepNil" => "零报告",
            "found" => "排查发现数",
            "sweepText" => "排查情况",
            "disputeIds" => "关联纠纷",
            _ => "填写的内容",
        };
    }

    /// <summary>Beijing time as a duty officer reads it: 12月2日 14:05.</summary>
    public static string Time(DateTimeOffset at)
    {
        var local = at.ToOffset(Beijing);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "";

    public static string TeamStatus(TeamStatus status) => status switch
    {
        Abstractions.Patrols.TeamStatus.Available => "待命",
        Abstractions.Patrols.TeamStatus.Dispatched => "已派警",
        Abstractions.Patrols.TeamStatus.EnRoute => "出警途中",
        Abstractions.Patrols.TeamStatus.OnScene => "到场处置",
        Abstractions.Patrols.TeamStatus.Returning => "返回途中",
        Abstractions.Patrols.TeamStatus.OffDuty => "下勤",
        _ => "未知状态",
    };

    public static string Level(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.City => "市级",
        JurisdictionLevel.County => "县级",
        JurisdictionLevel.Township => "乡镇（街道）",
        JurisdictionLevel.Village => "村（社区）",
        JurisdictionLevel.Grid => "网格",
        _ => "未知层级",
    };

    public static string Cause(string cause) => cause switch
    {
        "landAcquisition" => "征地拆迁",
        "labourDispute" => "劳资纠纷",
        "environment" => "环境",
        "petitioning" => "信访",
        "other" => "其他",
        _ => "未知原因",
    };

    public static string ReportKind(string kind) => kind switch
    {
        "countyInformed" => "电话报告县级",
        "informationReport" => "向市级信息报送",
        "writtenReport" => "书面报告",
        "inquiryReport" => "调查处理报告",
        _ => "未知报告",
    };

    /// <summary>The person an actor string names ("领导:李强(lc.leader)" is 李强): the name people know, without the
    /// role prefix and the login name.</summary>
    public static string Person(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return "有人";
        }
        string name = actor;
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = name[(colon + 1)..];
        }
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren];
        }
        return name.Trim();
    }

    /// <summary>"A、B或C": the Chinese for a list of choices.</summary>
    public static string OneOf(IEnumerable<string> choices)
    {
        var list = choices.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join("、", list[..^1]) + "或" + list[^1];
    }
}
