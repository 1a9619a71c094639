using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Command.Silo.Escalation.Sms;

/// <summary>
/// Where grains leave texts for leaders: an incident must not wait on a gateway in the middle of an escalation, so it
/// queues here and a background loop sends, retrying a failing sender a few times.
/// </summary>
public sealed class SmsOutbox : BackgroundService
{
    private static readonly TimeSpan[] RetryAfter = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly Channel<SmsMessage> queue;
    private readonly ISmsSender sender;
    private readonly TimeProvider time;
    private readonly ILogger<SmsOutbox> logger;
    private readonly bool enabled;

    public SmsOutbox(ISmsSender sender, IOptions<SmsOptions> options, TimeProvider time, ILogger<SmsOutbox> logger)
    {
        this.sender = sender;
        this.time = time;
        this.logger = logger;
        enabled = options.Value.Enabled;
        queue = Channel.CreateBounded<SmsMessage>(
            new BoundedChannelOptions(Math.Max(1, options.Value.QueueLimit)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => logger.LogWarning("SMS queue full: dropped the text to {Phone} about {Escalation}", dropped.Phone, dropped.EscalationId));
    }

    /// <summary>Queues a text; a leader with no number on the roster gets none, and that is logged.</summary>
    public void Queue(string? phone, string? recipient, string jurisdictionId, string escalationId, string text)
    {
        if (!enabled)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(phone))
        {
            logger.LogInformation("No SMS about {Escalation}: the roster of {Jurisdiction} has no leader's phone", escalationId, jurisdictionId);
            return;
        }
        queue.Writer.TryWrite(new SmsMessage(phone, recipient, jurisdictionId, escalationId, text, time.GetUtcNow()));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await SendWithRetries(message, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendWithRetries(SmsMessage message, CancellationToken stoppingToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await sender.SendAsync(message, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < RetryAfter.Length)
            {
                logger.LogWarning(ex, "SMS to {Phone} about {Escalation} failed; retrying", message.Phone, message.EscalationId);
                await Task.Delay(RetryAfter[attempt], TimeProvider.System, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "SMS to {Phone} about {Escalation} could not be sent", message.Phone, message.EscalationId);
                return;
            }
        }
    }
}
