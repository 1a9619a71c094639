namespace Command.Silo.Escalation.Sms;

/// <summary>
/// Sends one text message. A deployment registers its own (the 政务短信平台 gateway of the city, say) in place of
/// <see cref="OutboxFileSmsSender"/>; a sender that throws is retried a few times, then the message is logged as lost.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
