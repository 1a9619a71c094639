namespace Command.Silo.Sweeps;

/// <summary>
/// The 排查 rhythm (configuration section "Sweeps"): 镇每半月一次，村（社区）每周一次 by default. Periods are whole Beijing
/// days counted from <see cref="Anchor"/>, so every village of the city closes its week at the same midnight.
/// </summary>
public sealed class SweepOptions
{
    public int TownshipDays { get; set; } = 15;

    public int VillageDays { get; set; } = 7;

    /// <summary>The Beijing date the first period of every schedule starts on; a Monday, so a village's week is Monday to Sunday.</summary>
    public DateOnly Anchor { get; set; } = new(2026, 1, 5);

    /// <summary>Per jurisdiction id, a period of its own (days), for a township or village set to a different rhythm.</summary>
    public Dictionary<string, int> Overrides { get; set; } = [];

    /// <summary>Whether the cluster keeps the ends of periods (marks 逾期未报 and escalates). Off only for a host that
    /// never looks at them, such as a test that jumps its clock by weeks: each Monday midnight crossed wakes every
    /// village's schedule at once.</summary>
    public bool Clock { get; set; } = true;
}
