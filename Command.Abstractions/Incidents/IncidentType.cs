using Orleans;
namespace Command.Abstractions.Incidents;

[GenerateSerializer]
public enum IncidentType
{
    /// <summary>刑事</summary>
    Criminal,
    /// <summary>治安</summary>
    PublicOrder,
    /// <summary>交通</summary>
    Traffic,
    /// <summary>火灾</summary>
    Fire,
    /// <summary>医疗急救</summary>
    Medical,
    /// <summary>矛盾纠纷</summary>
    Dispute,
    /// <summary>群体性事件</summary>
    MassIncident,
    /// <summary>危爆物品</summary>
    Hazmat,
    /// <summary>安全生产</summary>
    WorkSafety,
    Other,
}
