using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Jurisdictions;
using Command.Silo.Realtime;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;

namespace Command.Silo.Patrols;

[GrainType("team")]
// A team lives where it was first called from (commissioned, or its terminal's silo): that silo sees it at once.
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class PatrolTeamGrain(
    TeamRegistry registry,
    ITelemetryStore telemetry,
    ConsoleNotifier notifier,
    JurisdictionMap map,
    IOptions<DispatchOptions> options) : JournaledGrain<TeamState, TeamEvent>, IPatrolTeamGrain
{
    private TeamPosition? position;
    private bool pushedStale;

    protected override TeamState InitialState => TeamState.Empty;

    protected override TeamState Apply(TeamState state, TeamEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        position = registry.LastKnownPosition(Key);
        if (State.Definition is not null)
        {
            Publish();
        }
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(5).Ticks, options.Value.StaleAfter.Ticks / 4));
        this.RegisterGrainTimer(CheckStaleness, every, every);
    }

    public async Task<TeamView> Commission(TeamDefinition definition, string actor)
    {
        if (map.Find(definition.JurisdictionId) is null)
        {
            throw CommandRejectedException.Invalid("辖区不是已有的辖区，请从辖区列表中选择。");
        }
        if (State.Definition is null || !SameDefinition(State.Definition, definition))
        {
            // The API checks first and names the holder to those who may see it; this is what makes it hold when two
            // commissions race. A team commissioned before callsigns were registered claims its own on its next change.
            if (await GrainFactory.GetGrain<ICallsignRegisterGrain>(CallsignRegisterGrain.RegisterKey).Claim(Key, definition.Callsign) is not null)
            {
                throw CommandRejectedException.Conflict($"呼号“{definition.Callsign.Trim()}”已被另一支巡防队使用；全市的呼号不得重复。");
            }
            RaiseEvent(new TeamCommissioned(definition), actor);
            await ConfirmEvents();
            foreach (var jurisdiction in map.ChainOf(definition.JurisdictionId))
            {
                await GrainFactory.GetGrain<IJurisdictionGrain>(jurisdiction.Id).AttachTeam(Key);
            }
            Publish(statusChanged: true);
        }
        return View();
    }

    public Task<TeamView?> GetView() => Task.FromResult(State.Definition is null ? null : View());

    public Task ReportPosition(TeamPosition report)
    {
        RequireCommissioned();
        // Newer wins, so a fix stamped ahead of this clock would hold the team's place against every real fix until
        // that time came round: nothing is kept stamped later than now.
        var now = Time.GetUtcNow();
        if (report.At > now)
        {
            report = report with { At = now };
        }
        // Reports can arrive out of order over mobile networks; an older fix never replaces a newer one.
        if (position is null || report.At >= position.At)
        {
            position = report;
            telemetry.Record(Key, report);
            var view = View();
            registry.Update(view);
            notifier.TeamMoved(new TeamMoved(Key, report));
            if (pushedStale && !view.Stale)
            {
                pushedStale = false;
                notifier.TeamStatusChanged(view);
            }
        }
        return Task.CompletedTask;
    }

    public async Task<TeamView> ReportStatus(TeamStatus status, string actor)
    {
        RequireCommissioned();
        if (status == State.Status)
        {
            return View();
        }
        if (TeamTransitions.Refusal(State.Status, status) is { } refusal)
        {
            throw CommandRejectedException.Conflict(refusal);
        }
        string? incidentId = State.IncidentId;
        bool keepsIncident = status is TeamStatus.EnRoute or TeamStatus.OnScene;
        await ChangeStatus(status, keepsIncident ? incidentId : null, actor);
        if (incidentId is not null)
        {
            await GrainFactory.GetGrain<IIncidentGrain>(incidentId).OnTeamStatus(Key, status, State.StatusSince, actor);
        }
        return View();
    }

    public async Task<TeamView> Dispatch(string incidentId, string incidentNumber, string actor)
    {
        RequireCommissioned();
        if (State.IncidentId == incidentId && State.Status is TeamStatus.Dispatched or TeamStatus.EnRoute or TeamStatus.OnScene)
        {
            return View();
        }
        if (State.Status != TeamStatus.Available)
        {
            throw CommandRejectedException.Conflict(State.IncidentId is null
                ? $"{State.Definition!.Callsign}现在是“{Hosting.Wording.TeamStatus(State.Status)}”，不是待命，不能派警；请换一支待命的警力。"
                : $"{State.Definition!.Callsign}正在处置{(State.IncidentNumber is { } other ? $"警情{other}" : "另一起警情")}（{Hosting.Wording.TeamStatus(State.Status)}），不能再派；请换一支待命的警力。")
                .WithNextStep(NextSteps.PickAnotherTeam);
        }
        await ChangeStatus(TeamStatus.Dispatched, incidentId, actor, incidentNumber);
        return View();
    }

    public async Task<TeamView> Release(string incidentId, string actor)
    {
        RequireCommissioned();
        if (State.IncidentId == incidentId)
        {
            // A team that never left goes straight back to available; one that was out has to come back first.
            await ChangeStatus(State.Status == TeamStatus.Dispatched ? TeamStatus.Available : TeamStatus.Returning, null, actor);
        }
        return View();
    }

    private async Task ChangeStatus(TeamStatus to, string? incidentId, string actor, string? incidentNumber = null)
    {
        RaiseEvent(new TeamStatusChanged(State.Status, to, incidentId, incidentNumber ?? (incidentId == State.IncidentId ? State.IncidentNumber : null)), actor);
        await ConfirmEvents();
        Publish(statusChanged: true);
    }

    private Task CheckStaleness()
    {
        if (State.Definition is not null)
        {
            var view = View();
            if (view.Stale != pushedStale)
            {
                pushedStale = view.Stale;
                registry.Update(view);
                notifier.TeamStatusChanged(view);
            }
        }
        return Task.CompletedTask;
    }

    private void Publish(bool statusChanged = false)
    {
        var view = View();
        pushedStale = view.Stale;
        registry.Update(view);
        if (statusChanged)
        {
            notifier.TeamStatusChanged(view);
        }
    }

    private TeamView View()
    {
        var definition = State.Definition!;
        var view = new TeamView(Key, definition.Callsign, definition.Mode, State.Status, State.StatusSince,
            definition.Members.Count, definition.Leader, definition.Members, definition.Equipment, definition.JurisdictionId,
            position, Stale: false, State.IncidentId, Version);
        return view with { Stale = registry.IsStale(view) };
    }

    private void RequireCommissioned()
    {
        if (State.Definition is null)
        {
            throw CommandRejectedException.NotFound("找不到这支警力，可能已被撤编；请刷新后重试。");
        }
    }

    private static bool SameDefinition(TeamDefinition a, TeamDefinition b) =>
        JsonSerializer.Serialize(a, JournalJson.Options) == JsonSerializer.Serialize(b, JournalJson.Options);
}
