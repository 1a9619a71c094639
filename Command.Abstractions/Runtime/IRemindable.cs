namespace Command.Abstractions.Runtime;

/// <summary>A grain that receives durable reminders. Reminders survive restarts; one that fell due
/// while the silo was down is delivered once on start, with <see cref="TickStatus.Lateness"/> telling how late.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
