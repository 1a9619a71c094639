using System.Text.Json.Nodes;
using Command.Silo.Escalation;

namespace Command.Tests.Support;

/// <summary>The built-in rules file, edited as JSON the way a leader would edit it, then loaded through the same validator.</summary>
public static class TestRules
{
    public static string DefaultJson
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string path = Path.Combine(dir.FullName, "Command.Silo", "Escalation", "default-rules.json");
                if (File.Exists(path))
                {
                    return File.ReadAllText(path);
                }
            }
            throw new FileNotFoundException("Command.Silo/Escalation/default-rules.json was not found above the test folder.");
        }
    }

    public static JsonObject Default() => JsonNode.Parse(DefaultJson)!.AsObject();

    public static CommandRules With(Action<JsonObject> edit)
    {
        var document = Default();
        edit(document);
        return RulesLoader.Parse(document.ToJsonString(), "test rules");
    }

    /// <summary>A county's rules cut down to the first-team milestone and the 24-hour report, so one breach drives the story.</summary>
    public static CommandRules FirstTeamOnly(double firstTeamMinutes = 15, double acknowledgeMinutes = 10) => With(d =>
    {
        d["milestones"] = new JsonArray(
            new JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = firstTeamMinutes, ["metBy"] = "teamOnScene" },
            new JsonObject { ["name"] = "writtenReport", ["title"] = "24小时内书面报告", ["dueMinutes"] = 1440, ["metBy"] = "report", ["reportKind"] = "writtenReport" });
        d["milestoneOverrides"] = new JsonArray();
        d["escalation"]!["acknowledgeWithinMinutes"] = acknowledgeMinutes;
    });
}
