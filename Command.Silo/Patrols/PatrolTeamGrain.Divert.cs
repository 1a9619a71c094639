using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;

namespace Command.Silo.Patrols;

public sealed partial class PatrolTeamGrain
{
    public async Task<TeamView> Divert(string fromIncidentId, string toIncidentId, string fromNumber, string toNumber, string actor)
    {
        if (State.Definition is null)
        {
            throw CommandRejectedException.NotFound("找不到这支巡防队，请刷新页面后重试。");
        }
        if (State.IncidentId == toIncidentId && State.Status is TeamStatus.Dispatched or TeamStatus.EnRoute or TeamStatus.OnScene)
        {
            return View();
        }
        if (State.IncidentId != fromIncidentId || State.Status is not (TeamStatus.Dispatched or TeamStatus.EnRoute or TeamStatus.OnScene))
        {
            throw CommandRejectedException.Conflict(
                $"{State.Definition.Callsign}已不在为警情{fromNumber}出警，不能从该警情改派到{toNumber}。请刷新页面查看它的最新状态。");
        }
        // Dispatched again, for the new case: its leader's terminal shows the new assignment, and the next 出发 starts anew.
        await ChangeStatus(TeamStatus.Dispatched, toIncidentId, actor, toNumber);
        return View();
    }
}
