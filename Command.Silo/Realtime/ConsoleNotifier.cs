using System.Collections.Concurrent;
using System.Threading.Channels;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Realtime;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>
/// The push side of grain → notifier → hub → browser. Grains hand events over without waiting on the network:
/// state changes go out in order through one queue, and positions are coalesced per team and sent as one batch
/// per flush interval, so a console sees every team's latest fix without being flooded by 10,000 teams at 1 Hz.
/// Each event goes to the groups of its jurisdiction and every level above it (and to a team's own group), never to
/// everyone: a console hears only its own jurisdiction.
/// </summary>
public sealed class ConsoleNotifier(
    IHubContext<CommandHub, IConsoleClient> hub,
    JurisdictionMap map,
    TeamRegistry teams,
    IncidentCatalog incidents,
    TimeProvider time,
    ILogger<ConsoleNotifier> logger)
    : BackgroundService
{
    public static readonly TimeSpan MoveFlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Channel<(IReadOnlyList<string> Groups, Func<IConsoleClient, Task> Send)> outbox =
        Channel.CreateUnbounded<(IReadOnlyList<string>, Func<IConsoleClient, Task>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, string[]> chainGroups = new();
    private readonly ConcurrentDictionary<string, TeamMoved> moves = new();
    private ITimer? flushTimer;
    private int flushArmed;

    public void IncidentChanged(IncidentSummary incident) =>
        Send([.. ChainGroups(incident.JurisdictionId), .. TransferGroups(incident), .. teams.TeamsAt(incident.Id).Select(CommandHub.TeamGroup),
                .. (incident.Departments ?? []).Select(CommandHub.DepartmentGroup)],
            c => c.IncidentChanged(incident));

    public void TeamStatusChanged(TeamView team) =>
        Send([.. ChainGroups(team.JurisdictionId), CommandHub.TeamGroup(team.Id)], c => c.TeamStatusChanged(team));

    public void MilestoneChanged(MilestoneEvent milestone) =>
        Send(ChainGroups(incidents.Find(milestone.IncidentId)?.JurisdictionId), c => c.MilestoneChanged(milestone));

    /// <summary>An escalation goes where its incident is seen; the level it climbed to is on that chain.</summary>
    public void EscalationRaised(EscalationView escalation) =>
        Send(ChainGroups(incidents.Find(escalation.IncidentId)?.JurisdictionId ?? escalation.JurisdictionId), c => c.EscalationRaised(escalation));

    public void EscalationAcknowledged(EscalationView escalation) =>
        Send(ChainGroups(incidents.Find(escalation.IncidentId)?.JurisdictionId ?? escalation.JurisdictionId), c => c.EscalationAcknowledged(escalation));

    /// <summary>The city's calendar concerns every console in it, whatever its jurisdiction.</summary>
    public void SensitivePeriodChanged(Abstractions.SensitivePeriods.SensitivePeriodView period) => Send([Everyone], c => c.SensitivePeriodChanged(period));

    /// <summary>The chain above a schedule includes its parent, to which a missed period is escalated.</summary>
    public void SweepChanged(Abstractions.Sweeps.SweepStatus sweep) => Send(ChainGroups(sweep.JurisdictionId), c => c.SweepChanged(sweep));

    /// <summary>直报 reaches the county through the chain above the dispute, and the city with it.</summary>
    public void MajorDisputeReported(Abstractions.Disputes.DisputeView dispute) => Send(ChainGroups(dispute.JurisdictionId), c => c.MajorDisputeReported(dispute));

    private const string Everyone = "*";

    /// <summary>Coalesces per team; the first move after a flush arms the next flush, so an idle silo never wakes.</summary>
    public void TeamMoved(TeamMoved move)
    {
        moves[move.TeamId] = move;
        if (flushTimer is not null && Interlocked.CompareExchange(ref flushArmed, 1, 0) == 0)
        {
            flushTimer.Change(MoveFlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void Send(IReadOnlyList<string> groups, Func<IConsoleClient, Task> message)
    {
        if (groups.Count > 0)
        {
            outbox.Writer.TryWrite((groups, message));
        }
    }

    /// <summary>A 转警 reaches the consoles at both ends, so both lists follow it: the target's see the pending call;
    /// once it is decided, the end that no longer holds the case hears so and drops it (the sender's when signed, the
    /// target's when returned).</summary>
    private IEnumerable<string> TransferGroups(IncidentSummary incident) =>
        incident.Transfer is not { } transfer ? []
            : ChainGroups(transfer.ToJurisdictionId).Concat(ChainGroups(transfer.FromJurisdictionId)).Except(ChainGroups(incident.JurisdictionId));

    /// <summary>The groups of a jurisdiction and of every level above it; empty for an unknown one.</summary>
    private string[] ChainGroups(string? jurisdictionId) =>
        jurisdictionId is null ? [] : chainGroups.GetOrAdd(jurisdictionId, id => [.. map.ChainOf(id).Select(j => CommandHub.JurisdictionGroup(j.Id))]);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        flushTimer = time.CreateTimer(_ => FlushMoves(), null, MoveFlushInterval, Timeout.InfiniteTimeSpan);
        await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await message.Send(message.Groups is [Everyone] ? hub.Clients.All : hub.Clients.Groups(message.Groups)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Push to consoles failed");
            }
        }
    }

    private void FlushMoves()
    {
        Volatile.Write(ref flushArmed, 0);
        if (moves.IsEmpty)
        {
            return;
        }
        // One batch per group: a console gets, in one message, every move within its jurisdiction.
        var batches = new Dictionary<string, List<TeamMoved>>();
        foreach (var teamId in moves.Keys)
        {
            if (moves.TryRemove(teamId, out var move))
            {
                foreach (var group in ChainGroups(teams.JurisdictionOf(teamId)).Append(CommandHub.TeamGroup(teamId)))
                {
                    if (!batches.TryGetValue(group, out var batch))
                    {
                        batches[group] = batch = [];
                    }
                    batch.Add(move);
                }
            }
        }
        foreach (var (group, batch) in batches)
        {
            Send([group], c => c.TeamsMoved(batch));
        }
        // A move that raced the flush found the timer armed and left it to us: look once more.
        if (!moves.IsEmpty && Interlocked.CompareExchange(ref flushArmed, 1, 0) == 0)
        {
            flushTimer!.Change(MoveFlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    public override void Dispose()
    {
        flushTimer?.Dispose();
        base.Dispose();
    }
}
