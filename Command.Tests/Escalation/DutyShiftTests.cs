using System.Net.Http.Json;
using System.Net;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>值班表: escalations go to the leader the roster names at their moment, shift by shift.</summary>
public sealed class DutyShiftTests : AppTest
{
    private const string Township = "371525-t01";
    private const string County = "371525";

    private async Task<EscalationView> EscalateACase()
    {
        var incident = await app.CreateIncident(api, type: "criminal");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));
        return (await CommandApp.Get<List<EscalationView>>(api, "/api/escalations")).Single(e => e.IncidentId == incident.Id);
    }

    [Fact]
    public async Task AnEscalationAtAShiftsChangeGoesToTheLeaderTheNewShiftNames()
    {
        var t0 = app.Time.GetUtcNow();
        var admin = app.Api("admin");
        var planned = await CommandApp.Read<DutySchedule>(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[]
            {
                new { from = t0.AddHours(1), to = t0.AddHours(2), dutyOfficer = "钱明", leaderOnDuty = "孔伟", leaderPhone = "13800000001" },
                new { from = t0.AddHours(2), to = t0.AddHours(3), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "13800000002" },
            },
        }));
        Assert.Equal(("何平", 2), (planned.Current.LeaderOnDuty, planned.Shifts.Count)); // before the first shift: the standing roster

        app.Time.SetUtcNow(t0.AddHours(2).AddSeconds(-1));
        Assert.Equal("孔伟", (await EscalateACase()).LeaderOnDuty);
        app.Time.SetUtcNow(t0.AddHours(2));
        Assert.Equal("严华", (await EscalateACase()).LeaderOnDuty);
        var schedule = await CommandApp.Get<DutySchedule>(app.Api("gx.duty"), $"/api/jurisdictions/{Township}/shifts");
        Assert.Equal(("严华", t0.AddHours(2)), (schedule.Current.LeaderOnDuty, schedule.CurrentShift!.From));

        // The texts went to each shift's own leader.
        var texts = await Eventually.Get(async () => File.Exists(app.SmsOutbox) ? await File.ReadAllLinesAsync(app.SmsOutbox) : [], l => l.Length >= 2, "two texts");
        Assert.Contains("13800000001", texts[0]);
        Assert.Contains("13800000002", texts[1]);

        // After the last shift, the standing roster is on duty again.
        app.Time.SetUtcNow(t0.AddHours(3));
        Assert.Equal("何平", (await EscalateACase()).LeaderOnDuty);
    }

    [Fact]
    public async Task AShiftThatHasStartedStaysOnTheRecordAndOverlapsAreRefused()
    {
        var t0 = app.Time.GetUtcNow();
        var admin = app.Api("admin");
        await CommandApp.Read<DutySchedule>(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[] { new { from = t0.AddMinutes(10), to = t0.AddHours(8), dutyOfficer = "钱明", leaderOnDuty = "孔伟", leaderPhone = "13800000001" } },
        }));
        app.Time.SetUtcNow(t0.AddHours(1));

        var started = await CommandApp.Problem(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[] { new { from = t0.AddMinutes(30), to = t0.AddHours(9), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "13800000002" } },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已经开始", ChineseRefusal.Check(started));
        var overlapping = await CommandApp.Problem(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[] { new { from = t0.AddHours(7), to = t0.AddHours(12), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "13800000002" } },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("重叠", ChineseRefusal.Check(overlapping));
        var backwards = await CommandApp.Problem(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[] { new { from = t0.AddHours(12), to = t0.AddHours(10), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "138" } },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("结束时间应晚于开始时间", ChineseRefusal.Check(backwards));

        // Planning from the end of the running shift keeps it and adds the next.
        var next = await CommandApp.Read<DutySchedule>(await admin.PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new
        {
            shifts = new[] { new { from = t0.AddHours(8), to = t0.AddHours(16), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "13800000002" } },
        }));
        Assert.Equal(["孔伟", "严华"], next.Shifts.Select(s => s.LeaderOnDuty));
        Assert.Equal("孔伟", next.Current.LeaderOnDuty);

        await CommandApp.Problem(await app.Api("gx.duty").PutAsJsonAsync($"/api/jurisdictions/{Township}/shifts", new { shifts = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await app.Api("gx.patrol").GetAsync($"/api/jurisdictions/{Township}/shifts"), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await app.Api("sx.duty").GetAsync($"/api/jurisdictions/{Township}/shifts"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AHandoverNoteWrittenBeforeTheChangeIsWhatTheNextShiftReadsFirst()
    {
        var t0 = app.Time.GetUtcNow();
        await CommandApp.Read<DutySchedule>(await app.Api("admin").PutAsJsonAsync($"/api/jurisdictions/{County}/shifts", new
        {
            shifts = new[]
            {
                new { from = t0.AddHours(1), to = t0.AddHours(2), dutyOfficer = "王磊", leaderOnDuty = "赵敏", leaderPhone = "13800000001" },
                new { from = t0.AddHours(2), to = t0.AddHours(3), dutyOfficer = "钱明", leaderOnDuty = "严华", leaderPhone = "13800000002" },
            },
        }));
        var duty = app.Api("gx.duty");

        app.Time.SetUtcNow(t0.AddHours(2).AddMinutes(-5));
        var note = await CommandApp.Read<HandoverNote>(await CommandApp.Post(duty, $"/api/jurisdictions/{County}/handover-notes",
            new { text = "吕堂社区宅基地纠纷已约双方明早九点到村委会调解，请接班后电话提醒。" }), HttpStatusCode.Created);
        Assert.Equal(("值班员:王磊(gx.duty)", t0.AddHours(1), t0.AddHours(2)), (note.By, note.Outgoing!.From, note.Incoming!.From));

        // At the change the next shift opens 交接班 and finds it, whoever is signed in at the desk.
        app.Time.SetUtcNow(t0.AddHours(2).AddMinutes(1));
        var handover = await CommandApp.Get<System.Text.Json.JsonElement>(app.WithToken(await app.SignIn("gx.duty")), "/api/handover");
        var notes = handover.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal("吕堂社区宅基地纠纷已约双方明早九点到村委会调解，请接班后电话提醒。", Assert.Single(notes).GetProperty("text").GetString());
        var schedule = await CommandApp.Get<DutySchedule>(app.Api("admin"), $"/api/jurisdictions/{County}/shifts");
        Assert.Equal(("钱明", note.At), (schedule.Current.DutyOfficer, Assert.Single(schedule.Notes).At));

        // Nobody outside the desks writes one, and an empty one says what to write.
        var empty = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/jurisdictions/{County}/handover-notes", new { text = " " }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("交班留言不能为空", ChineseRefusal.Check(empty));
        await CommandApp.Problem(await CommandApp.Post(app.Api("admin"), $"/api/jurisdictions/{County}/handover-notes", new { text = "管理员留言" }), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await CommandApp.Post(app.Api("sx.duty"), $"/api/jurisdictions/{County}/handover-notes", new { text = "越界留言" }), HttpStatusCode.NotFound);
    }
}
