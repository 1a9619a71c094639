using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;

namespace Command.Abstractions.Realtime;

/// <summary>What the silo pushes to a console over the hub at /hubs/command. Method names are the event names.</summary>
public interface IConsoleClient
{
    Task IncidentChanged(IncidentSummary incident);

    /// <summary>Positions are batched: one message carries every team that moved since the last flush.</summary>
    Task TeamsMoved(IReadOnlyList<TeamMoved> moves);

    Task TeamStatusChanged(TeamView team);

    Task MilestoneChanged(MilestoneEvent milestone);

    Task EscalationRaised(EscalationView escalation);

    /// <summary>Acknowledged (签收), or resolved because its incident was closed.</summary>
    Task EscalationAcknowledged(EscalationView escalation);

    /// <summary>A 敏感时期 was declared, took effect, lapsed or was ended early: every desk of the city hears it.</summary>
    Task SensitivePeriodChanged(Command.Abstractions.SensitivePeriods.SensitivePeriodView period);

    /// <summary>A township or village reported its 排查, or a period ended unreported (逾期未报): its own desks and every level above hear it.</summary>
    Task SweepChanged(Command.Abstractions.Sweeps.SweepStatus sweep);

    /// <summary>重大矛盾纠纷直报: a major dispute registered; its own desks and every level above, the county's among them, hear it.</summary>
    Task MajorDisputeReported(Command.Abstractions.Disputes.DisputeView dispute);
}
