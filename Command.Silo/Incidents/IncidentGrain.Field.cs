using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;

namespace Command.Silo.Incidents;

/// <summary>What the patrol terminal adds to a case: arrivals confirmed from far away, 处警反馈, and 请求增援 with
/// how many and what kind.</summary>
public sealed partial class IncidentGrain
{
    public async Task<IncidentDetail> ConfirmFarArrival(string teamId, int distanceMeters, double lon, double lat, string actor)
    {
        RequireOpen();
        var assignment = ActiveAssignmentOf(teamId, "上报到达现场");
        if (!State.FarArrivals.Contains(teamId))
        {
            RaiseEvent(new FarArrivalConfirmed(teamId, assignment.Callsign, distanceMeters, lon, lat), actor);
            await ConfirmEvents();
            Publish();
        }
        return Detail();
    }

    public async Task<IncidentDetail> VerifyArrival(string teamId, int distanceMeters, string actor)
    {
        RequireOpen();
        var assignment = ActiveAssignmentOf(teamId, "上报到达现场");
        if (State.FarArrivals.Contains(teamId))
        {
            RaiseEvent(new ArrivalVerified(teamId, assignment.Callsign, distanceMeters), actor);
            var met = assignment.Status == Abstractions.Patrols.TeamStatus.OnScene ? MeetTeamMilestones(teamId) : [];
            await ConfirmEvents();
            await AfterMilestonesMet(met);
            Publish();
        }
        return Detail();
    }

    public async Task<IncidentDetail> AskBackup(string teamId, string? note, int? teams, string? kind, IReadOnlyList<string>? needs, string actor)
    {
        RequireOpen();
        var assignment = ActiveAssignmentOf(teamId, "请求增援");
        if (State.BackupRequestedAt is not null && State.BackupTeamId == teamId)
        {
            // A second tap, or a retry over a bad network: the centre already has the request and has not answered it
            // yet, so the pending request is the answer and nothing new is recorded.
            return Detail();
        }
        RequireRoomForUpdate("a backup request");
        RaiseEvent(new BackupRequested(teamId, assignment.Callsign, note, teams, kind, needs), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> SubmitFieldReport(string teamId, FieldReport report, string actor)
    {
        RequireExists();
        var assignment = State.Assignments.LastOrDefault(a => a.TeamId == teamId)
            // Not named: the caller may be a terminal that never saw this case.
            ?? throw CommandRejectedException.Conflict("本队未被派往这起警情，不能为它提交处警反馈。");
        RequireRoomForUpdate("a field report");
        RaiseEvent(new FieldReportSubmitted(teamId, assignment.Callsign, report.Found, report.Actions, report.People, report.PeopleCount, report.Result), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    private Assignment ActiveAssignmentOf(string teamId, string what) =>
        State.ActiveAssignments.FirstOrDefault(a => a.TeamId == teamId)
        ?? throw CommandRejectedException.Conflict($"本队当前没有在处置警情 {State.Number}，不能{what}。");
}
