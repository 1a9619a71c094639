using Orleans;
namespace Command.Abstractions.Patrols;

/// <summary>步巡 / 车巡 / 卡点 / 摩托巡.</summary>
[GenerateSerializer]
public enum TeamMode
{
    Foot,
    Vehicle,
    Checkpoint,
    Motorcycle,
}
