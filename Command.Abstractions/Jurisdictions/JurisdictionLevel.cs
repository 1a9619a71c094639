using Orleans;
namespace Command.Abstractions.Jurisdictions;

/// <summary>市 → 县/区 → 乡镇/街道 → 村/社区 → 网格.</summary>
[GenerateSerializer]
public enum JurisdictionLevel
{
    City,
    County,
    Township,
    Village,
    Grid,
}
