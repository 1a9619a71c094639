using System.Net;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>三个慎用: force is committed on a mass incident only with a leader's recorded approval.</summary>
public sealed class CautionGateTests : IAsyncLifetime
{
    private readonly CommandApp app = new();
    private HttpClient api = null!;
    private IncidentDetail incident = null!;

    public async Task InitializeAsync()
    {
        api = app.Api();
        incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 200, cause: "environment");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> Assign(string teamId) => CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId });

    [Fact]
    public async Task FourthTeamIsRefusedUntilALeaderApprovesThenAllowed()
    {
        foreach (var teamId in new[] { "team-371525-01", "team-371525-02", "team-371525-03" })
        {
            await CommandApp.Read<IncidentDetail>(await Assign(teamId));
        }

        var refused = await CommandApp.Problem(await Assign("team-371525-04"), HttpStatusCode.Conflict);
        Assert.Contains("需审批", ChineseRefusal.Check(refused, incident.Number));
        Assert.Contains("慎用警力", refused.GetProperty("detail").GetString());
        Assert.Contains("尚未申请审批", refused.GetProperty("detail").GetString());
        Assert.Equal(("requestApproval", "policeForce"),
            (refused.GetProperty("nextStep").GetProperty("action").GetString(), refused.GetProperty("nextStep").GetProperty("gate").GetString()));

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/approvals", new { gate = "policeForce", reason = "现场人数增多，需增派警力" }));
        var pending = await CommandApp.Problem(await Assign("team-371525-04"), HttpStatusCode.Conflict);
        Assert.Contains("正在等待领导审批", ChineseRefusal.Check(pending, incident.Number));
        Assert.Equal("awaitApproval", pending.GetProperty("nextStep").GetProperty("action").GetString());

        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/approvals/policeForce/decision",
            new { approved = true, reason = "值班员自己批准" }), HttpStatusCode.Forbidden);
        // The approver on record is the leader who signed in: a decision in another's name is refused, not relabelled.
        var otherName = await CommandApp.Problem(await CommandApp.Post(app.Api("lc.leader"), $"/api/incidents/{incident.Id}/approvals/policeForce/decision",
            new { approved = true, approver = "赵书记", reason = "同意增派一组" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("审批人", ChineseRefusal.Check(otherName));
        var approved = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(app.Api("lc.leader"), $"/api/incidents/{incident.Id}/approvals/policeForce/decision",
            new { approved = true, reason = "同意增派一组" }));
        Assert.Equal((ApprovalState.Approved, "领导:李强(lc.leader)"), (approved.Approvals!.Single().State, approved.Approvals!.Single().DecidedBy));

        Assert.Equal(4, (await CommandApp.Read<IncidentDetail>(await Assign("team-371525-04"))).Assignments.Count);
        var kinds = (await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline")).Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf("approvalRequested") < kinds.IndexOf("approvalDecided"));
        var decision = (await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline")).Single(e => e.Kind == "approvalDecided");
        Assert.Equal(("领导:李强(lc.leader)", "同意增派一组"), (decision.Data.GetProperty("approver").GetString(), decision.Data.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("coerciveMeasures")]
    [InlineData("weapons")]
    public async Task CoerciveMeasuresAndWeaponsNeedTheirOwnApproval(string gate)
    {
        var refused = await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/measures", new { gate, note = "对两名带头冲击人员采取强制措施" }), HttpStatusCode.Conflict);
        Assert.Contains(Gates.Title(gate), ChineseRefusal.Check(refused, incident.Number));

        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/approvals", new { gate, reason = "有人持械冲击" });
        var leader = app.Api("lc.leader");
        await CommandApp.Post(leader, $"/api/incidents/{incident.Id}/approvals/{gate}/decision", new { approved = false, reason = "先行劝导" });
        var stillRefused = await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/measures", new { gate, note = "强制带离" }), HttpStatusCode.Conflict);
        Assert.Contains("不予批准（先行劝导）", ChineseRefusal.Check(stillRefused, incident.Number));

        await CommandApp.Post(leader, $"/api/incidents/{incident.Id}/approvals/{gate}/decision", new { approved = true, reason = "劝导无效，同意" });
        var recorded = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/measures", new { gate, note = "强制带离" }));
        Assert.Equal([$"{gate}: 强制带离"], recorded.Measures);
    }

    [Fact]
    public async Task OrdinaryIncidentsAreNotGated()
    {
        var ordinary = await app.CreateIncident(api, type: "traffic", channel: 122);
        foreach (var teamId in new[] { "team-371525-01", "team-371525-02", "team-371525-03", "team-371525-04" })
        {
            await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{ordinary.Id}/assignments", new { teamId }));
        }
    }
}
