namespace Command.Silo.Escalation;

/// <summary>The rules file is wrong; the message names every bad field by its JSON path.</summary>
public sealed class RulesException(string source, IReadOnlyList<string> errors)
    : Exception($"Rules {source} are invalid:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
