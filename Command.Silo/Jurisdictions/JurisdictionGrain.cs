using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Runtime;

namespace Command.Silo.Jurisdictions;

[GrainType("jurisdiction")]
public sealed class JurisdictionGrain(JurisdictionMap map) : JournaledGrain<JurisdictionGrainState, JurisdictionEvent>, IJurisdictionGrain
{
    private JurisdictionLevel level;

    /// <summary>How long an incident counts for the 矛盾激化 rule at most, whatever window the rules set.</summary>
    private static readonly TimeSpan RecentHorizon = TimeSpan.FromDays(90);

    protected override JurisdictionGrainState InitialState => JurisdictionGrainState.Empty;

    protected override JurisdictionGrainState Apply(JurisdictionGrainState state, JurisdictionEvent @event, EventMeta meta) => @event switch
    {
        TeamAttached t => state with { TeamIds = state.TeamIds.Add(t.TeamId) },
        IncidentOpened o => state with
        {
            ActiveIncidentIds = state.ActiveIncidentIds.Add(o.IncidentId),
            // Only a village counts repeats (矛盾激化 is judged in the same place); higher levels would only grow.
            Recent = level == JurisdictionLevel.Village ? [.. state.Recent.Where(r => o.At - r.At < RecentHorizon), o] : state.Recent,
        },
        IncidentClosed c => state with { ActiveIncidentIds = state.ActiveIncidentIds.Remove(c.IncidentId) },
        RosterSet r => state with { Roster = r.Roster },
        ShiftsPlanned p => state with { Shifts = [.. state.Shifts.Where(s => s.From < p.From), .. p.Shifts.OrderBy(s => s.From)] },
        HandoverNoteWritten n => state.WithNote(new HandoverNote(meta.At, meta.Actor, n.Text,
            state.Shifts.FirstOrDefault(s => s.Covers(meta.At)), state.Shifts.FirstOrDefault(s => s.From > meta.At))),
        _ => state,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        level = (map.Find(Key) ?? throw CommandRejectedException.NotFound("找不到这个辖区，请从辖区列表中选择。")).Level;
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<JurisdictionState> GetState() => Task.FromResult(View());

    public Task AttachTeam(string teamId) =>
        State.TeamIds.Contains(teamId) ? Task.CompletedTask : Record(new TeamAttached(teamId), "system");

    public async Task<int> IncidentOpened(string incidentId, string cause, DateTimeOffset at, TimeSpan window)
    {
        if (!State.ActiveIncidentIds.Contains(incidentId) && !State.Recent.Any(r => r.IncidentId == incidentId))
        {
            await Record(new IncidentOpened(incidentId, cause, at), "system");
        }
        return State.Recent.Count(r => r.Cause == cause && r.At <= at && at - r.At <= window);
    }

    public Task IncidentClosed(string incidentId) =>
        State.ActiveIncidentIds.Contains(incidentId) ? Record(new IncidentClosed(incidentId), "system") : Task.CompletedTask;

    public async Task<JurisdictionState> SetRoster(DutyRoster roster, string actor)
    {
        if (roster != State.Roster)
        {
            await Record(new RosterSet(roster), actor);
        }
        return View();
    }

    public async Task<DutySchedule> PlanShifts(IReadOnlyList<DutyShift> shifts, string actor)
    {
        var now = Time.GetUtcNow();
        if (shifts.FirstOrDefault(s => s.From < now) is { } started)
        {
            throw CommandRejectedException.Invalid($"{Hosting.Wording.Time(started.From)}开始的班次已经开始或已结束，不能再改；请只安排今后的班次。");
        }
        var kept = State.Shifts.Where(s => s.From < now).ToList();
        if (kept.LastOrDefault() is { } current && shifts.FirstOrDefault(s => s.From < current.To) is { } overlapping)
        {
            throw CommandRejectedException.Invalid(
                $"{Hosting.Wording.Time(overlapping.From)}开始的班次与正在进行、到{Hosting.Wording.Time(current.To)}结束的班次重叠，请从当前班次结束时起安排。");
        }
        await Record(new ShiftsPlanned(now, shifts), actor);
        return Schedule(now);
    }

    public Task<DutySchedule> GetSchedule() => Task.FromResult(Schedule(Time.GetUtcNow()));

    public async Task<HandoverNote> WriteHandoverNote(string text, string actor)
    {
        await Record(new HandoverNoteWritten(text), actor);
        return State.Notes[^1];
    }

    private DutySchedule Schedule(DateTimeOffset now) =>
        new(Key, State.RosterAt(now), State.Shifts.FirstOrDefault(s => s.Covers(now)), State.Roster, State.Shifts) { Notes = [.. State.Notes.Reverse()] };

    private async Task Record(JurisdictionEvent @event, string actor)
    {
        RaiseEvent(@event, actor);
        await ConfirmEvents();
    }

    /// <summary>The roster is whoever is on duty now: an escalation raised at a shift's change goes to the new shift.</summary>
    private JurisdictionState View() => new(Key, [.. State.TeamIds], [.. State.ActiveIncidentIds], State.RosterAt(Time.GetUtcNow()));
}
