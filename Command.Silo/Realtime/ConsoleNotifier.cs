using System.Collections.Concurrent;
using System.Threading.Channels;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>
/// The push side of grain → notifier → hub → browser. Grains hand events over without waiting on the network:
/// state changes go out in order through one queue, and positions are coalesced per team and sent as one batch
/// per flush interval, so a console sees every team's latest fix without being flooded by 10,000 teams at 1 Hz.
/// </summary>
public sealed class ConsoleNotifier(IHubContext<CommandHub, IConsoleClient> hub, TimeProvider time, ILogger<ConsoleNotifier> logger)
    : BackgroundService
{
    public static readonly TimeSpan MoveFlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Channel<Func<IConsoleClient, Task>> outbox = Channel.CreateUnbounded<Func<IConsoleClient, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TeamMoved> moves = new();
    private ITimer? flushTimer;
    private int flushArmed;

    public void IncidentChanged(IncidentSummary incident) => Send(c => c.IncidentChanged(incident));

    public void TeamStatusChanged(TeamView team) => Send(c => c.TeamStatusChanged(team));

    public void MilestoneChanged(MilestoneEvent milestone) => Send(c => c.MilestoneChanged(milestone));

    public void EscalationRaised(EscalationView escalation) => Send(c => c.EscalationRaised(escalation));

    public void EscalationAcknowledged(EscalationView escalation) => Send(c => c.EscalationAcknowledged(escalation));

    /// <summary>Coalesces per team; the first move after a flush arms the next flush, so an idle silo never wakes.</summary>
    public void TeamMoved(TeamMoved move)
    {
        moves[move.TeamId] = move;
        if (flushTimer is not null && Interlocked.CompareExchange(ref flushArmed, 1, 0) == 0)
        {
            flushTimer.Change(MoveFlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void Send(Func<IConsoleClient, Task> message) => outbox.Writer.TryWrite(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        flushTimer = time.CreateTimer(_ => FlushMoves(), null, MoveFlushInterval, Timeout.InfiniteTimeSpan);
        await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await message(hub.Clients.All).ConfigureAwait(false);
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
        var batch = new List<TeamMoved>(moves.Count);
        foreach (var teamId in moves.Keys)
        {
            if (moves.TryRemove(teamId, out var move))
            {
                batch.Add(move);
            }
        }
        Send(c => c.TeamsMoved(batch));
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
