namespace Command.Silo.Escalation;

/// <summary>The real event that meets a milestone; nothing is met by ticking a box.</summary>
public enum MilestoneTrigger
{
    /// <summary>A team assigned to the incident reports onScene.</summary>
    TeamOnScene,
    /// <summary>A leader of at least the milestone's level checks in at the scene, with a position.</summary>
    LeaderOnScene,
    /// <summary>A report of the milestone's kind is submitted with its text.</summary>
    Report,
}
