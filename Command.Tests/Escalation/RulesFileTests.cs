using System.Text.Json.Nodes;
using Command.Silo.Escalation;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>A broken rules file is refused at start with the field and what is wrong; nothing starts half-configured.</summary>
public sealed class RulesFileTests
{
    private static RulesException Refused(Action<JsonObject> edit) =>
        Assert.Throws<RulesException>(() => TestRules.With(edit));

    [Fact]
    public void BuiltInRulesAreValidAndReadable()
    {
        var rules = RulesLoader.Load(null);

        Assert.Equal(RulesLoader.BuiltInSource, rules.Source);
        Assert.Equal(["firstTeamOnScene", "townshipLeaderOnScene", "countyInformed", "cityInformationReport", "writtenReport"], rules.Milestones.Select(m => m.Name));
        Assert.Equal(TimeSpan.FromHours(24), rules.Milestones.Single(m => m.Name == "writtenReport").Due);
        Assert.Equal(Command.Abstractions.Jurisdictions.JurisdictionLevel.Village, rules.CeilingFor(false, 4));
        Assert.Equal(Command.Abstractions.Jurisdictions.JurisdictionLevel.City, rules.CeilingFor(true, 2));
    }

    [Fact]
    public void WrongTypeNamesTheFieldAndLine()
    {
        var error = Refused(d => d["milestones"]![0]!["dueMinutes"] = "soon");

        Assert.Contains("$.milestones[0].dueMinutes", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void NegativeDurationIsRefused()
    {
        var error = Refused(d => d["escalation"]!["acknowledgeWithinMinutes"] = -5);

        Assert.Contains("$.escalation.acknowledgeWithinMinutes: must be a number of minutes > 0, not -5.", error.Message);
    }

    [Fact]
    public void UnknownMilestoneInAnOverrideIsRefused()
    {
        var error = Refused(d => d["milestoneOverrides"]![0]!["dueMinutes"]!.AsObject()["firstTeamArrived"] = 5);

        Assert.Contains("$.milestoneOverrides[0].dueMinutes.firstTeamArrived: unknown milestone 'firstTeamArrived'", error.Message);
    }

    [Fact]
    public void CycleInTheLadderIsRefused()
    {
        var error = Refused(d => d["escalation"]!["ladder"] = new JsonObject { ["village"] = "township", ["township"] = "county", ["county"] = "township" });

        Assert.Contains("$.escalation.ladder: has a cycle: village → township → county → township.", error.Message);
    }

    [Fact]
    public void LadderThatStopsShortOfTheCityIsRefused()
    {
        var error = Refused(d => d["escalation"]!["ladder"] = new JsonObject { ["village"] = "township" });

        Assert.Contains("must lead from village up to city; it stops at township", error.Message);
    }

    [Fact]
    public void MisspelledFieldIsRefused()
    {
        var error = Refused(d => d["gates"]!["maxTeamsWithoutAproval"] = 3);

        Assert.Contains("maxTeamsWithoutAproval", error.Message);
    }

    [Fact]
    public void MissingSectionAndEveryOtherProblemAreReportedTogether()
    {
        var error = Refused(d =>
        {
            d.Remove("gates");
            d["dueWarningMinutes"] = -1;
        });

        Assert.Contains("$.gates: is required.", error.Message);
        Assert.Contains("$.dueWarningMinutes: must be a number of minutes ≥ 0, not -1.", error.Message);
    }

    [Fact]
    public void MissingFileIsRefused() =>
        Assert.Contains("does not exist", Assert.Throws<RulesException>(() => RulesLoader.Load("/nonexistent/rules.json")).Message);

    [Fact]
    public async Task SiloWithABrokenRulesFileDoesNotStart()
    {
        string file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        var document = TestRules.Default();
        document["milestones"]![1]!["dueMinutes"] = -30;
        await File.WriteAllTextAsync(file, document.ToJsonString());
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(args: ["--storage", "memory", "--rules", file]));

            Assert.Contains("exited with code 2", error.Message);
            Assert.Contains("$.milestones[1].dueMinutes: must be a number of minutes > 0, not -30.", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
