using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Escalation;

/// <summary>
/// Reads and validates a rules file. Every problem is reported with its JSON path and what is wrong, all at once,
/// and the silo does not start: it never runs half-configured. Unknown fields are errors too, so a typo is caught.
/// </summary>
public static class RulesLoader
{
    public const string BuiltInSource = "built-in";

    private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The built-in rules file, as text: the worked example in the README.</summary>
    public static string BuiltInJson()
    {
        using var builtIn = typeof(RulesLoader).Assembly.GetManifestResourceStream("Command.Silo.Escalation.default-rules.json")
            ?? throw new InvalidOperationException("The built-in rules are missing from the build.");
        return new StreamReader(builtIn).ReadToEnd();
    }

    public static CommandRules Load(string? path)
    {
        if (path is null)
        {
            return Parse(BuiltInJson(), BuiltInSource);
        }
        if (!File.Exists(path))
        {
            throw new RulesException(path, [$"the file {Path.GetFullPath(path)} does not exist."]);
        }
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static CommandRules Parse(string json, string source = "(text)") => Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), source);

    public static CommandRules Parse(Stream json, string source)
    {
        RulesDocument document;
        try
        {
            document = JsonSerializer.Deserialize<RulesDocument>(json, options) ?? throw new RulesException(source, ["$: the file is empty (null)."]);
        }
        catch (JsonException ex)
        {
            throw new RulesException(source, [$"{ex.Path ?? "$"}: {Describe(ex)} (line {ex.LineNumber + 1})."]);
        }
        return Validate(document, source);
    }

    private static string Describe(JsonException ex)
    {
        string message = ex.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static CommandRules Validate(RulesDocument d, string source)
    {
        var errors = new List<string>();
        void Check(bool ok, string path, string message)
        {
            if (!ok)
            {
                errors.Add($"{path}: {message}");
            }
        }
        T Required<T>(T? value, string path) where T : class
        {
            Check(value is not null, path, "is required.");
            return value!;
        }

        var mass = Required(d.MassIncident, "$.massIncident");
        var milestoneRules = Required(d.Milestones, "$.milestones");
        var overrides = Required(d.MilestoneOverrides, "$.milestoneOverrides");
        var ladderRules = Required(d.Escalation, "$.escalation");
        var gates = Required(d.Gates, "$.gates");
        Check(d.DueWarningMinutes is >= 0, "$.dueWarningMinutes", Need(d.DueWarningMinutes, "a number of minutes ≥ 0"));
        if (errors.Count > 0)
        {
            throw new RulesException(source, errors);
        }

        Check(mass.CrowdThreshold is >= 1, "$.massIncident.crowdThreshold", Need(mass.CrowdThreshold, "a whole number of people ≥ 1"));
        var bands = Required(mass.SeverityByCrowd, "$.massIncident.severityByCrowd") ?? [];
        for (int i = 0; i < bands.Count; i++)
        {
            Check(bands[i].AtLeast >= 1, $"$.massIncident.severityByCrowd[{i}].atLeast", "must be ≥ 1.");
            Check(Severity.IsValid(bands[i].Severity), $"$.massIncident.severityByCrowd[{i}].severity", $"must be 1 to 4, not {bands[i].Severity}.");
        }
        var steps = Required(mass.CrowdEscalationSteps, "$.massIncident.crowdEscalationSteps") ?? [];
        for (int i = 0; i < steps.Count; i++)
        {
            Check(steps[i] >= 1 && (i == 0 || steps[i] > steps[i - 1]), $"$.massIncident.crowdEscalationSteps[{i}]", "steps must be positive and increasing.");
        }

        var milestones = new List<MilestoneSpec>();
        Check(milestoneRules.Count > 0, "$.milestones", "must list at least one milestone.");
        for (int i = 0; i < milestoneRules.Count; i++)
        {
            var m = milestoneRules[i];
            string path = $"$.milestones[{i}]";
            Check(m.Name is { Length: > 0 } && m.Name.All(char.IsAsciiLetterOrDigit), path + ".name", "is required: letters and digits only.");
            Check(m.Name is null || milestoneRules.Take(i).All(o => o.Name != m.Name), path + ".name", $"'{m.Name}' is used twice.");
            Check(!string.IsNullOrWhiteSpace(m.Title), path + ".title", "is required: what the console shows.");
            Check(m.DueMinutes is > 0, path + ".dueMinutes", Need(m.DueMinutes, "a number of minutes > 0"));
            MilestoneTrigger? trigger = m.MetBy switch
            {
                "teamOnScene" => MilestoneTrigger.TeamOnScene,
                "leaderOnScene" => MilestoneTrigger.LeaderOnScene,
                "report" => MilestoneTrigger.Report,
                _ => null,
            };
            Check(trigger is not null, path + ".metBy", $"must be teamOnScene, leaderOnScene or report, not '{m.MetBy}'.");
            JurisdictionLevel? leaderLevel = ParseLevel(m.LeaderLevel);
            Check(trigger != MilestoneTrigger.LeaderOnScene || leaderLevel is not null, path + ".leaderLevel", $"must be village, township, county or city for leaderOnScene, not '{m.LeaderLevel}'.");
            Check(trigger == MilestoneTrigger.LeaderOnScene || m.LeaderLevel is null, path + ".leaderLevel", "only goes with metBy leaderOnScene.");
            Check(trigger != MilestoneTrigger.Report || (m.ReportKind is not null && CommandRules.ReportKinds.Contains(m.ReportKind)), path + ".reportKind",
                $"must be one of {string.Join(", ", CommandRules.ReportKinds)} for metBy report, not '{m.ReportKind}'.");
            Check(trigger == MilestoneTrigger.Report || m.ReportKind is null, path + ".reportKind", "only goes with metBy report.");
            if (trigger is not null && m.DueMinutes is > 0 && m.Name is not null)
            {
                milestones.Add(new MilestoneSpec(m.Name, m.Title ?? m.Name, TimeSpan.FromMinutes(m.DueMinutes.Value), trigger.Value, leaderLevel, m.ReportKind));
            }
        }
        var names = milestoneRules.Select(m => m.Name).OfType<string>().ToHashSet();
        for (int i = 0; i < overrides.Count; i++)
        {
            var o = overrides[i];
            string path = $"$.milestoneOverrides[{i}]";
            Check(o.Severity is null || o.Severity.All(Severity.IsValid), path + ".severity", "values must be 1 to 4.");
            Check(o.Cause is null || o.Cause.All(CommandRules.Causes.Contains), path + ".cause", $"values must be among {string.Join(", ", CommandRules.Causes)}.");
            Check(o.DueMinutes is { Count: > 0 }, path + ".dueMinutes", "must name at least one milestone.");
            foreach (var (name, minutes) in o.DueMinutes ?? new Dictionary<string, double>())
            {
                Check(names.Contains(name), $"{path}.dueMinutes.{name}", $"unknown milestone '{name}'; the milestones are {string.Join(", ", names)}.");
                Check(minutes > 0, $"{path}.dueMinutes.{name}", $"must be a number of minutes > 0, not {minutes}.");
            }
        }

        var ladder = new Dictionary<JurisdictionLevel, JurisdictionLevel>();
        var ladderMap = Required(ladderRules.Ladder, "$.escalation.ladder") ?? new Dictionary<string, string>();
        foreach (var (from, to) in ladderMap)
        {
            var f = ParseLevel(from);
            var t = ParseLevel(to);
            Check(f is not null && f != JurisdictionLevel.Grid, $"$.escalation.ladder.{from}", "is not village, township, county or city.");
            Check(t is not null && t != JurisdictionLevel.Grid, $"$.escalation.ladder.{from}", $"'{to}' is not village, township, county or city.");
            if (f is not null && t is not null)
            {
                ladder[f.Value] = t.Value;
            }
        }
        CheckLadder(ladder, Check);
        Check(ladderRules.AcknowledgeWithinMinutes is > 0, "$.escalation.acknowledgeWithinMinutes", Need(ladderRules.AcknowledgeWithinMinutes, "a number of minutes > 0"));

        var ceilings = new List<Ceiling>();
        var ceilingRules = Required(ladderRules.Ceilings, "$.escalation.ceilings") ?? [];
        for (int i = 0; i < ceilingRules.Count; i++)
        {
            var c = ceilingRules[i];
            var level = ParseLevel(c.Level);
            Check(level is not null and not JurisdictionLevel.Grid, $"$.escalation.ceilings[{i}].level", $"must be village, township, county or city, not '{c.Level}'.");
            Check(c.Severity is { Count: > 0 } && c.Severity.All(Severity.IsValid), $"$.escalation.ceilings[{i}].severity", "must list severities 1 to 4.");
            if (level is not null && c.Severity is not null)
            {
                ceilings.Add(new Ceiling(c.MassIncident, c.Severity.ToHashSet(), level.Value));
            }
        }
        foreach (bool isMass in new[] { false, true })
        {
            for (int severity = Severity.Min; severity <= Severity.Max; severity++)
            {
                Check(ceilings.Any(c => (c.MassIncident is null || c.MassIncident == isMass) && c.Severities.Contains(severity)), "$.escalation.ceilings",
                    $"no ceiling applies to a{(isMass ? " mass incident" : "n incident")} of severity {severity}.");
            }
        }

        var repeated = Required(ladderRules.RepeatedIncidents, "$.escalation.repeatedIncidents");
        var repeatedTypes = new HashSet<IncidentType>();
        foreach (var type in repeated?.Types ?? [])
        {
            bool known = type.All(char.IsAsciiLetter) && Enum.TryParse<IncidentType>(type, ignoreCase: true, out var parsed) && repeatedTypes.Add(parsed);
            Check(known, "$.escalation.repeatedIncidents.types", $"'{type}' is not an incident type (or is listed twice).");
        }
        Check(repeated?.WithinDays is > 0, "$.escalation.repeatedIncidents.withinDays", Need(repeated?.WithinDays, "a number of days > 0"));
        Check(repeated?.Count is >= 2, "$.escalation.repeatedIncidents.count", Need(repeated?.Count, "a whole number ≥ 2"));
        var repeatedCeiling = ParseLevel(repeated?.Ceiling);
        Check(repeatedCeiling is not null and not JurisdictionLevel.Grid, "$.escalation.repeatedIncidents.ceiling", $"must be village, township, county or city, not '{repeated?.Ceiling}'.");
        Check(gates.MaxTeamsWithoutApproval is >= 0, "$.gates.maxTeamsWithoutApproval", Need(gates.MaxTeamsWithoutApproval, "a whole number ≥ 0"));
        Check(gates.LeaderCheckInRadiusMeters is > 0, "$.gates.leaderCheckInRadiusMeters", Need(gates.LeaderCheckInRadiusMeters, "a number of metres > 0"));

        if (d.SensitivePeriod is { } sensitive)
        {
            Check(sensitive.CrowdThreshold is null or >= 1, "$.sensitivePeriod.crowdThreshold", $"must be a whole number of people ≥ 1, not {sensitive.CrowdThreshold}.");
            var sensitiveBands = sensitive.SeverityByCrowd ?? [];
            for (int i = 0; i < sensitiveBands.Count; i++)
            {
                Check(sensitiveBands[i].AtLeast >= 1, $"$.sensitivePeriod.severityByCrowd[{i}].atLeast", "must be ≥ 1.");
                Check(Severity.IsValid(sensitiveBands[i].Severity), $"$.sensitivePeriod.severityByCrowd[{i}].severity", $"must be 1 to 4, not {sensitiveBands[i].Severity}.");
            }
            var sensitiveSteps = sensitive.CrowdEscalationSteps ?? [];
            for (int i = 0; i < sensitiveSteps.Count; i++)
            {
                Check(sensitiveSteps[i] >= 1 && (i == 0 || sensitiveSteps[i] > sensitiveSteps[i - 1]), $"$.sensitivePeriod.crowdEscalationSteps[{i}]", "steps must be positive and increasing.");
            }
            Check(sensitive.MilestoneFactor is null or (> 0 and <= 1), "$.sensitivePeriod.milestoneFactor",
                $"must be a number > 0 and ≤ 1 (0.5 halves each milestone), not {sensitive.MilestoneFactor}.");
        }

        if (errors.Count > 0)
        {
            throw new RulesException(source, errors);
        }
        var ordinary = new CommandRules
        {
            Source = source,
            CrowdThreshold = mass.CrowdThreshold!.Value,
            SeverityByCrowd = [.. bands.OrderByDescending(b => b.AtLeast)],
            CrowdEscalationSteps = steps,
            Milestones = milestones,
            Overrides = overrides,
            DueWarning = TimeSpan.FromMinutes(d.DueWarningMinutes!.Value),
            Ladder = ladder,
            AcknowledgeWithin = TimeSpan.FromMinutes(ladderRules.AcknowledgeWithinMinutes!.Value),
            Ceilings = ceilings,
            RepeatedTypes = repeatedTypes,
            RepeatedWithin = TimeSpan.FromDays(repeated!.WithinDays!.Value),
            RepeatedCount = repeated.Count!.Value,
            RepeatedCeiling = repeatedCeiling!.Value,
            MaxTeamsWithoutApproval = gates.MaxTeamsWithoutApproval!.Value,
            LeaderCheckInRadiusMeters = gates.LeaderCheckInRadiusMeters!.Value,
        };
        return d.SensitivePeriod is { } overlay ? new CommandRules
        {
            Source = ordinary.Source,
            CrowdThreshold = ordinary.CrowdThreshold,
            SeverityByCrowd = ordinary.SeverityByCrowd,
            CrowdEscalationSteps = ordinary.CrowdEscalationSteps,
            Milestones = ordinary.Milestones,
            Overrides = ordinary.Overrides,
            DueWarning = ordinary.DueWarning,
            Ladder = ordinary.Ladder,
            AcknowledgeWithin = ordinary.AcknowledgeWithin,
            Ceilings = ordinary.Ceilings,
            RepeatedTypes = ordinary.RepeatedTypes,
            RepeatedWithin = ordinary.RepeatedWithin,
            RepeatedCount = ordinary.RepeatedCount,
            RepeatedCeiling = ordinary.RepeatedCeiling,
            MaxTeamsWithoutApproval = ordinary.MaxTeamsWithoutApproval,
            LeaderCheckInRadiusMeters = ordinary.LeaderCheckInRadiusMeters,
            Sensitive = ordinary.WithOverlay(overlay),
        } : ordinary;
    }

    /// <summary>The ladder must lead from village to city, one step at a time, without coming back on itself.</summary>
    private static void CheckLadder(Dictionary<JurisdictionLevel, JurisdictionLevel> ladder, Action<bool, string, string> check)
    {
        var path = new List<JurisdictionLevel> { JurisdictionLevel.Village };
        var level = JurisdictionLevel.Village;
        while (ladder.TryGetValue(level, out var next))
        {
            if (path.Contains(next))
            {
                path.Add(next);
                check(false, "$.escalation.ladder", $"has a cycle: {string.Join(" → ", path.Select(Camel))}.");
                return;
            }
            path.Add(next);
            level = next;
        }
        check(level == JurisdictionLevel.City, "$.escalation.ladder", $"must lead from village up to city; it stops at {Camel(level)} ({string.Join(" → ", path.Select(Camel))}).");
        foreach (var from in ladder.Keys.Where(k => !path.Contains(k)))
        {
            check(false, $"$.escalation.ladder.{Camel(from)}", "is not reachable from village.");
        }
    }

    private static JurisdictionLevel? ParseLevel(string? level) =>
        level is not null && level.All(char.IsAsciiLetter) && Enum.TryParse<JurisdictionLevel>(level, ignoreCase: true, out var parsed) ? parsed : null;

    private static string Camel(JurisdictionLevel level) => JsonNamingPolicy.CamelCase.ConvertName(level.ToString());

    private static string Need(object? value, string what) => value is null ? $"is required: {what}." : $"must be {what}, not {value}.";
}
