using Command.Silo.Escalation;
using Command.Tests.Support;

namespace Command.Tests.SensitivePeriods;

/// <summary>敏感时期: the rules file's overlay tightens the golden window and lowers the crowd thresholds, and nothing else.</summary>
public sealed class SensitivePeriodRulesTests
{
    [Fact]
    public void BuiltInOverlayHalvesTheMilestonesButNotTheWrittenReport()
    {
        var rules = RulesLoader.Load(null);
        var sensitive = Assert.IsType<CommandRules>(rules.Sensitive);

        var ordinary = rules.MilestonesFor(3, "labourDispute").ToDictionary(m => m.Name, m => m.Due);
        var tight = sensitive.MilestonesFor(3, "labourDispute").ToDictionary(m => m.Name, m => m.Due);

        Assert.Equal(TimeSpan.FromMinutes(15), ordinary["firstTeamOnScene"]);
        Assert.Equal(TimeSpan.FromMinutes(7.5), tight["firstTeamOnScene"]);
        Assert.Equal(TimeSpan.FromMinutes(15), tight["countyInformed"]);
        Assert.Equal(TimeSpan.FromHours(24), tight["writtenReport"]);
    }

    [Fact]
    public void BuiltInOverlayLowersTheCrowdThresholdsAndKeepsTheLadder()
    {
        var rules = RulesLoader.Load(null);
        var sensitive = rules.Sensitive!;

        Assert.Equal(30, rules.CrowdThreshold);
        Assert.Equal(20, sensitive.CrowdThreshold);
        Assert.Equal([50, 200, 500], sensitive.CrowdEscalationSteps);
        Assert.Equal(2, sensitive.SeverityForCrowd(250, 4));
        Assert.Equal(3, rules.SeverityForCrowd(250, 4));
        Assert.Equal(rules.AcknowledgeWithin, sensitive.AcknowledgeWithin);
        Assert.Equal(rules.CeilingFor(true, 2), sensitive.CeilingFor(true, 2));
        Assert.Null(sensitive.Sensitive);
    }

    [Fact]
    public void FileWithoutTheSectionHasNoOverlay()
    {
        var rules = TestRules.With(d => d.Remove("sensitivePeriod"));

        Assert.Null(rules.Sensitive);
        Assert.Equal(TimeSpan.FromMinutes(15), rules.MilestonesFor(3, null).Single(m => m.Name == "firstTeamOnScene").Due);
    }

    [Fact]
    public void FactorThatWouldLoosenTheWindowIsRefused()
    {
        var error = Assert.Throws<RulesException>(() => TestRules.With(d => d["sensitivePeriod"]!["milestoneFactor"] = 2));

        Assert.Contains("$.sensitivePeriod.milestoneFactor", error.Message);
    }

    [Fact]
    public void StepsOutOfOrderAreRefused()
    {
        var error = Assert.Throws<RulesException>(() => TestRules.With(d => d["sensitivePeriod"]!["crowdEscalationSteps"] = new System.Text.Json.Nodes.JsonArray(200, 50)));

        Assert.Contains("$.sensitivePeriod.crowdEscalationSteps[1]", error.Message);
    }

    [Fact]
    public void MisspelledOverlayFieldIsRefused()
    {
        var error = Assert.Throws<RulesException>(() => TestRules.With(d => d["sensitivePeriod"]!["crowdTreshold"] = 10));

        Assert.Contains("crowdTreshold", error.Message);
    }
}
