using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>The duty officer's control of a case after intake: 续报, type changes, 重复报警, 撤回, 改派, 电台报告 and closing a
/// case no team reached. Every refusal is checked to be Chinese for the officer: no id, no path, no English word.</summary>
public sealed partial class CaseControlTests : AppTest
{
    [Fact]
    public async Task ANoteIsKeptOnTheCaseWithWhoAndWhen()
    {
        var incident = await app.CreateIncident(api);
        app.Time.Advance(TimeSpan.FromMinutes(2));

        var detail = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "notes"), new { text = "  报警人再次来电：对方已持刀离开，往东逃窜  " }));

        var note = Assert.Single(detail.Notes!);
        Assert.Equal("报警人再次来电：对方已持刀离开，往东逃窜", note.Text);
        Assert.Equal(incident.ReceivedAt.AddMinutes(2), note.At);
        Assert.Contains("lc.duty", note.By);
        var entry = (await Timeline(incident)).Last();
        Assert.Equal(("noteAdded", "报警人再次来电：对方已持刀离开，往东逃窜"), (entry.Kind, entry.Data.GetProperty("text").GetString()));
        Assert.Contains("lc.duty", entry.Actor);
    }

    [Fact]
    public async Task ANoteMustSaySomethingFitTheLimitAndGoOnAnOpenCase()
    {
        var incident = await app.CreateIncident(api);

        await Refused(await CommandApp.Post(api, Path(incident, "notes"), new { text = "   " }), HttpStatusCode.UnprocessableEntity, "请填写续报内容");
        await Refused(await CommandApp.Post(api, Path(incident, "notes"), new { text = new string('续', 2001) }), HttpStatusCode.UnprocessableEntity, "最多2000个字");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "close"), new { resolution = "咨询类，已解答" }));
        await Refused(await CommandApp.Post(api, Path(incident, "notes"), new { text = "补充" }), HttpStatusCode.Conflict, $"警情{incident.Number}已办结");
        Assert.DoesNotContain(await Timeline(incident), e => e.Kind == "noteAdded");
    }

    [Fact]
    public async Task NotesCountAgainstTheCapOnEntriesPeopleAdd()
    {
        await app.DisposeAsync();
        app = new CommandApp(configuration: new Dictionary<string, string?> { ["Incidents:MaxUpdatesPerIncident"] = "2" });
        api = app.Api();
        var incident = await app.CreateIncident(api);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "notes"), new { text = "第一次续报" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "type"), new { type = "dispute", reason = "实为邻里纠纷" }));

        await CommandApp.Problem(await CommandApp.Post(api, Path(incident, "notes"), new { text = "第三次" }), HttpStatusCode.Conflict);
        Assert.Single(await Timeline(incident), e => e.Kind == "noteAdded");
    }

    [Fact]
    public async Task ChangingTheTypeNeedsAReasonAndTheListAndRecommendationsFollowTheNewType()
    {
        var incident = await app.CreateIncident(api);

        await Refused(await CommandApp.Post(api, Path(incident, "type"), new { type = "traffic" }), HttpStatusCode.UnprocessableEntity, "请填写更改警情类型的原因");
        await Refused(await CommandApp.Post(api, Path(incident, "type"), new { type = "earthquake", reason = "x" }), HttpStatusCode.UnprocessableEntity, "警情类型无法识别");
        var changed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "type"), new { type = "traffic", reason = "现场为两车剐蹭" }));

        Assert.Equal((IncidentType.Traffic, IncidentType.PublicOrder), (changed.Type, changed.OriginalType));
        Assert.Equal(IncidentType.Traffic, (await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents")).Single(i => i.Id == incident.Id).Type);
        var entry = (await Timeline(incident)).Last();
        Assert.Equal("typeChanged", entry.Kind);
        Assert.Equal(("publicOrder", "traffic", "现场为两车剐蹭"),
            (entry.Data.GetProperty("from").GetString(), entry.Data.GetProperty("to").GetString(), entry.Data.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ChangingTheTypeToAMassIncidentOpensTheGoldenWindowAndCannotBeUndone()
    {
        var incident = await app.CreateIncident(api);

        var mass = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "type"),
            new { type = "massIncident", reason = "现场聚集约三十名讨薪工人", cause = "labourDispute" }));

        Assert.True(mass.IsMassIncident);
        Assert.Equal((IncidentType.MassIncident, "labourDispute"), (mass.Type, mass.MassCause));
        Assert.NotEmpty(mass.Milestones);
        Assert.Equal(["typeChanged", "massDeclared"], (await Timeline(incident)).Skip(1).Take(2).Select(e => e.Kind));
        Assert.Equal(IncidentType.MassIncident, (await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents")).Single(i => i.Id == incident.Id).Type);
        await Refused(await CommandApp.Post(api, Path(incident, "type"), new { type = "dispute", reason = "人已散" }), HttpStatusCode.Conflict, "已升级为群体性事件");
    }

    [Fact]
    public async Task ARepeatedCallIsMergedIntoTheCaseItRepeatsWithItsCaller()
    {
        var first = await app.CreateIncident(api);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var repeat = await Call("13905350001", "清泉街与红旗路口", "又有人报打架，同一地点");

        var merged = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = first.Number }));

        Assert.Equal(IncidentStatus.Closed, merged.Status);
        Assert.Equal((first.Id, first.Number), (merged.DuplicateOfId, merged.DuplicateOfNumber));
        Assert.Equal($"重复报警，已并入{first.Number}", merged.Resolution);
        var target = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{first.Id}");
        var caller = Assert.Single(target.LinkedCalls!);
        Assert.Equal((repeat.Number, "13905350001", "清泉街与红旗路口", "又有人报打架，同一地点"), (caller.Number, caller.CallerPhone, caller.Address, caller.Description));
        Assert.Equal(repeat.ReceivedAt, caller.ReceivedAt);
        Assert.Equal(IncidentStatus.Received, target.Status);
        Assert.Contains(await Timeline(first), e => e.Kind == "duplicateLinked" && e.Data.GetProperty("call").GetProperty("number").GetString() == repeat.Number);
        Assert.Contains(await Timeline(repeat), e => e.Kind == "markedDuplicate" && e.Data.GetProperty("targetNumber").GetString() == first.Number);
        Assert.DoesNotContain(await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents?active=true"), i => i.Id == repeat.Id);
    }

    [Fact]
    public async Task ARepeatIsRefusedForItselfWithTeamsWorkingIntoAClosedCaseOrTwice()
    {
        var first = await app.CreateIncident(api);
        var repeat = await Call("13905350002", "清泉街", "重复");
        var closed = await app.CreateIncident(api);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(closed, "close"), new { resolution = "已处理" }));

        await Refused(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = repeat.Id }), HttpStatusCode.UnprocessableEntity, "不能把警情");
        await Refused(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = "LC-19990101-0001" }), HttpStatusCode.NotFound, "不存在");
        await Refused(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = closed.Id }), HttpStatusCode.Conflict, $"警情{closed.Number}已办结");
        var team = await Dispatch(repeat);
        await Refused(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = first.Id }), HttpStatusCode.Conflict, team.Callsign);

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(repeat, $"assignments/{team.TeamId}/recall"), new { reason = "重复报警，无需出警" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = first.Id }));
        await Refused(await CommandApp.Post(api, Path(repeat, "duplicate-of"), new { incidentId = first.Id }), HttpStatusCode.Conflict, $"已作为重复报警并入{first.Number}");
        var other = await app.CreateIncident(api);
        await Refused(await CommandApp.Post(api, Path(other, "duplicate-of"), new { incidentId = repeat.Id }), HttpStatusCode.Conflict, $"请把{other.Number}并入{first.Number}");
        Assert.Single((await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{first.Id}")).LinkedCalls!);
    }

    [Fact]
    public async Task RecallingTheOnlyTeamFreesItAndTheCaseWaitsForDispatchAgainWithAFreshDeadline()
    {
        var incident = await app.CreateIncident(api, type: "fire", channel: 119); // severity III: 5 minutes
        var team = await Dispatch(incident);
        app.Time.Advance(TimeSpan.FromMinutes(4));

        await Refused(await CommandApp.Post(api, Path(incident, $"assignments/{team.TeamId}/recall"), new { reason = "" }), HttpStatusCode.UnprocessableEntity, "请填写撤回原因");
        var recalled = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, $"assignments/{team.TeamId}/recall"), new { reason = "派错警力，应派消防" }));

        Assert.Equal(IncidentStatus.Received, recalled.Status);
        Assert.Null(recalled.DispatchedAt);
        var assignment = Assert.Single(recalled.Assignments);
        Assert.Equal(("recalled", "派错警力，应派消防"), (assignment.ClearedAs, assignment.ClearedReason));
        Assert.NotNull(assignment.ClearedAt);
        var freed = await CommandApp.Team(api, team.TeamId);
        Assert.Equal((TeamStatus.Available, (string?)null), (freed.Status, freed.IncidentId));
        var timeline = await Timeline(incident);
        Assert.Equal(["teamRecalled", "statusChanged", "dispatchRestarted"], timeline.TakeLast(3).Select(e => e.Kind));
        Assert.Equal("received", timeline[^2].Data.GetProperty("to").GetString());

        app.Time.Advance(TimeSpan.FromMinutes(2)); // past the first deadline, not the fresh one
        Assert.Null((await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}")).DispatchOverdueAt);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var overdue = await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"), d => d.DispatchOverdueAt is not null,
            "派警超时 after the fresh deadline");
        Assert.Equal(assignment.ClearedAt!.Value.AddMinutes(5), overdue.DispatchOverdueAt);
        await Refused(await CommandApp.Post(api, Path(incident, $"assignments/{team.TeamId}/recall"), new { reason = "再撤一次" }), HttpStatusCode.Conflict, "已撤回");
        await Refused(await CommandApp.Post(api, Path(incident, "assignments/no-such-team/recall"), new { reason = "撤回" }), HttpStatusCode.NotFound, "没有派出这支巡防队");
    }

    [Fact]
    public async Task RecallingOneOfTwoTeamsAfterTheOtherArrivedKeepsTheCaseOnScene()
    {
        var incident = await app.CreateIncident(api);
        var first = await Dispatch(incident);
        var second = await Dispatch(incident, 1);
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{first.TeamId}/status", new { status = "onScene" }));
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"), d => d.Status == IncidentStatus.OnScene, "on scene");
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{second.TeamId}/status", new { status = "enRoute" }));

        var recalled = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, $"assignments/{second.TeamId}/recall"), new { reason = "现场警力已够" }));

        Assert.Equal(IncidentStatus.OnScene, recalled.Status);
        Assert.Equal(TeamStatus.Returning, (await CommandApp.Team(api, second.TeamId)).Status); // it was on its way: it drives back
    }

    [Fact]
    public async Task DivertingATeamMovesItStraightToTheOtherCaseAndTheFirstWaitsAgain()
    {
        var from = await app.CreateIncident(api);
        var to = await app.CreateIncident(api, type: "criminal");
        var team = await Dispatch(from);
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{team.TeamId}/status", new { status = "enRoute" }));
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{from.Id}"),
            d => d.Assignments.Single().Status == TeamStatus.EnRoute, "en route");

        var left = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(from, $"assignments/{team.TeamId}/divert"),
            new { incidentId = to.Number, reason = "持刀伤人警情更急" }));

        Assert.Equal(IncidentStatus.Received, left.Status);
        Assert.Equal("diverted", left.Assignments.Single().ClearedAs);
        Assert.Contains(to.Number, left.Assignments.Single().ClearedReason);
        var moved = await CommandApp.Team(api, team.TeamId);
        Assert.Equal((TeamStatus.Dispatched, to.Id), (moved.Status, moved.IncidentId));
        var target = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{to.Id}");
        Assert.Equal(IncidentStatus.Dispatched, target.Status);
        Assert.Equal(team.TeamId, target.Assignments.Single(a => a.ClearedAt is null).TeamId);
        Assert.Contains(await Timeline(from), e => e.Kind == "teamDiverted" && e.Data.GetProperty("toNumber").GetString() == to.Number);
        Assert.Contains(await Timeline(to), e => e.Kind == "teamDivertedIn" && e.Data.GetProperty("fromNumber").GetString() == from.Number);

        // The team now reports for the case it was sent on to.
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{team.TeamId}/status", new { status = "onScene" }));
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{to.Id}"), d => d.Status == IncidentStatus.OnScene, "the target on scene");
        Assert.Equal(IncidentStatus.Received, (await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{from.Id}")).Status);
    }

    [Fact]
    public async Task DivertingToItselfToAClosedCaseOrAnUnknownOneIsRefusedAndTheTeamStaysWhereItWas()
    {
        var from = await app.CreateIncident(api);
        var closed = await app.CreateIncident(api);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(closed, "close"), new { resolution = "已处理" }));
        var team = await Dispatch(from);
        string divert = Path(from, $"assignments/{team.TeamId}/divert");

        await Refused(await CommandApp.Post(api, divert, new { incidentId = closed.Id, reason = "改派" }), HttpStatusCode.Conflict, $"警情{closed.Number}已办结");
        await Refused(await CommandApp.Post(api, divert, new { incidentId = from.Id, reason = "改派" }), HttpStatusCode.UnprocessableEntity, "本身");
        await Refused(await CommandApp.Post(api, divert, new { incidentId = "no-such-incident", reason = "改派" }), HttpStatusCode.NotFound, "改派的目标警情不存在");
        await Refused(await CommandApp.Post(api, divert, new { reason = "改派" }), HttpStatusCode.UnprocessableEntity, "请选择要改派到的警情");

        var still = await CommandApp.Team(api, team.TeamId);
        Assert.Equal((TeamStatus.Dispatched, from.Id), (still.Status, still.IncidentId));
        var detail = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{from.Id}");
        Assert.Equal((IncidentStatus.Dispatched, (DateTimeOffset?)null), (detail.Status, detail.Assignments.Single().ClearedAt));
    }

    [Fact]
    public async Task ARadioReportGoesThroughTheTeamIsMarkedAsRadioAndMeetsTheGoldenWindow()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 60, cause: "labourDispute");
        var team = await DispatchEquipped(incident);

        await Refused(await CommandApp.Post(api, Path(incident, $"assignments/{team}/status"), new { status = "available" }), HttpStatusCode.UnprocessableEntity, "出发、到场或返回");
        await Refused(await CommandApp.Post(api, Path(incident, $"assignments/{team}/status"), new { status = "returning" }), HttpStatusCode.Conflict, "返回须在到场后");
        var arrived = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, $"assignments/{team}/status"), new { status = "onScene" }));

        Assert.Equal(IncidentStatus.OnScene, arrived.Status);
        Assert.Equal(TeamStatus.OnScene, arrived.Assignments.Single().Status);
        Assert.Equal(MilestoneState.Met, arrived.Milestones.Single(m => m.Name == "firstTeamOnScene").State);
        Assert.Equal(TeamStatus.OnScene, (await CommandApp.Team(api, team)).Status);
        var timeline = await Timeline(incident);
        var radio = Assert.Single(timeline, e => e.Kind == "radioStatus");
        Assert.Equal("onScene", radio.Data.GetProperty("status").GetString());
        Assert.Contains("lc.duty", radio.Actor);
        // One report, recorded once: the team's echo of it finds it already there.
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "notes"), new { text = "现场核对" }));
        Assert.Single(await Timeline(incident), e => e.Kind == "teamStatus" && e.Data.GetProperty("status").GetString() == "onScene");

        var back = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, $"assignments/{team}/status"), new { status = "returning" }));
        Assert.NotNull(back.Assignments.Single().ClearedAt);
        Assert.Equal(TeamStatus.Returning, (await CommandApp.Team(api, team)).Status);
        await Refused(await CommandApp.Post(api, Path(incident, $"assignments/{team}/status"), new { status = "onScene" }), HttpStatusCode.Conflict, "已返回");
    }

    [Fact]
    public async Task ClosingACaseNoTeamReachedNeedsAConfirmationAndAReason()
    {
        var incident = await app.CreateIncident(api);
        var team = await Dispatch(incident);

        await Refused(await CommandApp.Post(api, Path(incident, "close"), new { resolution = "报警人称已解决" }), HttpStatusCode.Conflict, team.Callsign);
        await Refused(await CommandApp.Post(api, Path(incident, "close"), new { resolution = "报警人称已解决", confirmNoArrival = true }), HttpStatusCode.Conflict,
            "未到场的原因");
        var closed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "close"),
            new { resolution = "报警人称已解决", confirmNoArrival = true, noArrivalReason = "警力途中报警人来电撤警" }));

        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal(TeamStatus.Available, (await CommandApp.Team(api, team.TeamId)).Status);
        var timeline = await Timeline(incident);
        var confirmed = Assert.Single(timeline, e => e.Kind == "noArrivalConfirmed");
        Assert.Equal("警力途中报警人来电撤警", confirmed.Data.GetProperty("reason").GetString());
        Assert.Contains("lc.duty", confirmed.Actor);

        // A case no team was sent to (a consultation, a false report) closes on its resolution alone; so does one a team reached.
        var consultation = await app.CreateIncident(api);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(consultation, "close"), new { resolution = "咨询，已解答" }));
        var reached = await app.CreateIncident(api);
        var there = await Dispatch(reached);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(reached, $"assignments/{there.TeamId}/status"), new { status = "onScene" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(reached, "close"), new { resolution = "调解完毕" }));
        Assert.DoesNotContain(await Timeline(reached), e => e.Kind == "noArrivalConfirmed");

        // A case the duty officer marked 处置 was being handled: it closes on its resolution too.
        var handled = await app.CreateIncident(api);
        await Dispatch(handled);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(handled, "handling"), new { note = "民警已调取周边监控" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(handled, "close"), new { resolution = "车辆已找回" }));
        Assert.DoesNotContain(await Timeline(handled), e => e.Kind == "noArrivalConfirmed");
    }

    [Fact]
    public async Task EveryControlOfAClosedCaseIsRefusedByItsNumber()
    {
        var other = await app.CreateIncident(api);
        var incident = await app.CreateIncident(api);
        var team = await Dispatch(incident);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, $"assignments/{team.TeamId}/status"), new { status = "onScene" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, Path(incident, "close"), new { resolution = "已处理" }));
        int recorded = (await Timeline(incident)).Count;

        foreach (var (path, body) in new (string, object)[]
        {
            ("notes", new { text = "补充" }),
            ("type", new { type = "traffic", reason = "改" }),
            ("duplicate-of", new { incidentId = other.Id }),
            ($"assignments/{team.TeamId}/recall", new { reason = "撤回" }),
            ($"assignments/{team.TeamId}/divert", new { incidentId = other.Id, reason = "改派" }),
            ($"assignments/{team.TeamId}/status", new { status = "returning" }),
        })
        {
            await Refused(await CommandApp.Post(api, Path(incident, path), body), HttpStatusCode.Conflict, $"警情{incident.Number}已办结");
        }
        Assert.Equal(recorded, (await Timeline(incident)).Count);
    }

    private async Task<IncidentDetail> Call(string phone, string address, string description)
    {
        var response = await api.PostAsJsonAsync("/api/incidents",
            new { channel = 110, type = "publicOrder", lon = 115.45, lat = 36.49, address, description, callerPhone = phone });
        return await CommandApp.Read<IncidentDetail>(response, HttpStatusCode.Created);
    }

    private async Task<Recommendation> Dispatch(IncidentDetail incident, int rank = 0)
    {
        var team = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[rank];
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = team.TeamId }));
        return team;
    }

    private async Task<string> DispatchEquipped(IncidentDetail incident) => (await Dispatch(incident)).TeamId;

    private static string Path(IncidentDetail incident, string tail) => $"/api/incidents/{incident.Id}/{tail}";

    private Task<List<TimelineEntry>> Timeline(IncidentDetail incident) => CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");

    /// <summary>A refusal written for the duty officer: Chinese, with what to do, and no id, path or English word.</summary>
    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        var problem = await CommandApp.Problem(response, status);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(says, detail);
        Assert.DoesNotMatch(EnglishWord(), detail);
        Assert.DoesNotContain("/api", detail);
    }

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();
}
