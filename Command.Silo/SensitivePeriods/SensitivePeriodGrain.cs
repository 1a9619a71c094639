using Command.Abstractions.Runtime;
using Command.Abstractions.SensitivePeriods;
using Command.Silo.Hosting;
using Command.Silo.Realtime;
using Command.Silo.Runtime;

namespace Command.Silo.SensitivePeriods;

/// <summary>
/// 敏感时期: the city's calendar of sensitive periods. A city leader declares one for a date range; its start and end are
/// durable deadlines, so the consoles are told on time and the record shows when. Incidents ask it, at the moments
/// their rules apply (the call, the upgrade to a mass incident, a crowd revision), whether the tighter rules are in force.
/// </summary>
[GrainType("sensitiveperiods")]
public sealed class SensitivePeriodGrain(ConsoleNotifier notifier) : JournaledGrain<SensitivePeriodState, SensitivePeriodEvent>, ISensitivePeriodGrain
{
    private const string StartDeadline = "start:";
    private const string EndDeadline = "end:";

    /// <summary>A period may be declared to start now; a start a little in the past is the same "now", typed slowly.</summary>
    public static readonly TimeSpan StartSlack = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(92);

    protected override SensitivePeriodState InitialState => SensitivePeriodState.Empty;

    protected override bool MayHaveDeadlines => State.Periods.Any(p => !p.Lapsed && p.EndedAt is null);

    protected override SensitivePeriodState Apply(SensitivePeriodState state, SensitivePeriodEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public async Task<SensitivePeriodView> Declare(SensitivePeriodDeclaration declaration, string actor)
    {
        var now = Time.GetUtcNow();
        if (declaration.From < now - StartSlack)
        {
            throw CommandRejectedException.Invalid($"开始时间{Wording.Time(declaration.From)}已经过去，敏感时期只能从现在或今后开始。");
        }
        if (declaration.To <= declaration.From || declaration.To - declaration.From > LongestPeriod)
        {
            throw CommandRejectedException.Invalid($"结束时间须晚于开始时间，且一次最长{LongestPeriod.TotalDays:0}天。");
        }
        if (State.Periods.FirstOrDefault(p => p.Until > now && p.Declaration.From < declaration.To && declaration.From < p.Until) is { } overlapping)
        {
            throw CommandRejectedException.Conflict(
                $"与已发布的敏感时期“{overlapping.Declaration.Name}”（{Wording.Time(overlapping.Declaration.From)}至{Wording.Time(overlapping.Until)}）重叠；请先结束它或调整时间。");
        }
        string id = $"sp-{State.Periods.Count + 1:000}";
        var start = declaration.From < now ? declaration with { From = now } : declaration;
        RaiseEvent(new SensitivePeriodDeclared(id, start), actor);
        await ConfirmEvents();
        await ScheduleDeadline(StartDeadline + id, start.From);
        await ScheduleDeadline(EndDeadline + id, start.To);
        return Announce(id);
    }

    public async Task<SensitivePeriodView> End(string periodId, string actor)
    {
        var period = State.Periods.FirstOrDefault(p => p.Id == periodId)
            ?? throw CommandRejectedException.NotFound("找不到这个敏感时期，请刷新后重试。");
        var now = Time.GetUtcNow();
        if (period.EndedAt is not null || period.Until <= now)
        {
            throw CommandRejectedException.Conflict($"敏感时期“{period.Declaration.Name}”已于{Wording.Time(period.Until)}结束。");
        }
        RaiseEvent(new SensitivePeriodEnded(periodId), actor);
        await ConfirmEvents();
        await CancelDeadline(StartDeadline + periodId);
        await CancelDeadline(EndDeadline + periodId);
        return Announce(periodId);
    }

    public Task<IReadOnlyList<SensitivePeriodView>> List()
    {
        var now = Time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<SensitivePeriodView>>([.. State.Periods.AsEnumerable().Reverse().Select(p => p.ToView(now))]);
    }

    public Task<SensitivePeriodView?> InForce()
    {
        var now = Time.GetUtcNow();
        return Task.FromResult(State.Periods.Select(p => p.ToView(now)).FirstOrDefault(p => p.InForce));
    }

    protected override async Task OnDeadline(string name, DeadlineTick tick)
    {
        bool starting = name.StartsWith(StartDeadline, StringComparison.Ordinal);
        string id = starting ? name[StartDeadline.Length..] : name.StartsWith(EndDeadline, StringComparison.Ordinal) ? name[EndDeadline.Length..] : "";
        if (State.Periods.FirstOrDefault(p => p.Id == id) is not { EndedAt: null } period || (starting ? period.Started : period.Lapsed))
        {
            return;
        }
        RaiseEvent(starting ? new SensitivePeriodStarted(id, tick.DueAt) : new SensitivePeriodLapsed(id, tick.DueAt), "system");
        await ConfirmEvents();
        Announce(id);
    }

    private SensitivePeriodView Announce(string id)
    {
        var view = State.Periods.First(p => p.Id == id).ToView(Time.GetUtcNow());
        notifier.SensitivePeriodChanged(view);
        return view;
    }
}
