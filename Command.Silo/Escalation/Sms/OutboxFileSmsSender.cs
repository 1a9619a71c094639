using System.Text.Json;
using Command.Silo.Hosting;
using Command.Silo.Runtime;
using Microsoft.Extensions.Options;

namespace Command.Silo.Escalation.Sms;

/// <summary>
/// The built-in sender: no gateway, so each message is appended to an outbox file that an operator (or a test) reads,
/// and logged. It stands in until a deployment registers a real <see cref="ISmsSender"/>.
/// </summary>
public sealed class OutboxFileSmsSender(IOptions<SmsOptions> sms, IOptions<SiloOptions> silo, ILogger<OutboxFileSmsSender> logger) : ISmsSender
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public string OutboxPath { get; } = Path.GetFullPath(Path.Combine(silo.Value.DataDirectory, sms.Value.Outbox));

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        string line = JsonSerializer.Serialize(message, JournalJson.Options) + "\n";
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OutboxPath)!);
            await File.AppendAllTextAsync(OutboxPath, line, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
        logger.LogInformation("SMS to {Recipient} {Phone} about {Escalation}: {Text}", message.Recipient, Mask(message.Phone), message.EscalationId, message.Text);
    }

    /// <summary>Logs go further than the outbox: keep the number recognisable to an operator but not whole.</summary>
    private static string Mask(string phone) => phone.Length >= 7 ? phone[..3] + "****" + phone[^4..] : "****";
}
