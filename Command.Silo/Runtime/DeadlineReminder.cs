namespace Command.Silo.Runtime;

/// <summary>The one Orleans reminder a grain with deadlines holds: its durable wake-up.</summary>
public static class DeadlineReminder
{
    public const string Name = "deadlines";

    /// <summary>Orleans' shortest reminder period. A tick only wakes the grain; its timer keeps the exact time.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
}
