namespace Command.Silo.Escalation.Sms;

public sealed class SmsOptions
{
    /// <summary>The file the built-in sender appends each message to, one JSON object a line. Relative to the data
    /// folder; the default keeps it beside the store.</summary>
    public string Outbox { get; set; } = "sms-outbox.jsonl";

    /// <summary>Off: no text is queued at all (escalations still reach the consoles and /leader).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages waiting for the sender; past this the oldest is dropped and logged, so a gateway that is down
    /// cannot fill the silo's memory.</summary>
    public int QueueLimit { get; set; } = 10_000;
}
