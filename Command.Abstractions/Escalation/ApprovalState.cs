using Orleans;
namespace Command.Abstractions.Escalation;

[GenerateSerializer]
public enum ApprovalState
{
    Pending,
    Approved,
    Refused,
}
