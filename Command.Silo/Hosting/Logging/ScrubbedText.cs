namespace Command.Silo.Hosting.Logging;

/// <summary>A scope whose state is not a list of values (a string, an object): only its text is ever written, scrubbed
/// when a formatter first asks for it.</summary>
public sealed class ScrubbedText(object? state)
{
    private string? text;

    public override string ToString() => text ??= LogScrubber.Clean(state?.ToString() ?? "");
}
