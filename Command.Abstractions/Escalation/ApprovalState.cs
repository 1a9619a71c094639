namespace Command.Abstractions.Escalation;

public enum ApprovalState
{
    Pending,
    Approved,
    Refused,
}
