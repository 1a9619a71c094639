using Microsoft.Extensions.Logging;

namespace Command.Tests.Support;

/// <summary>One logged event as a provider received it.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, IReadOnlyList<string> Scopes, string? Exception)
{
    /// <summary>Everything a provider could write of the event.</summary>
    public IEnumerable<string> Texts => [Message, .. Values, .. Scopes, .. Exception is null ? Array.Empty<string>() : [Exception]];

    public override string ToString() => $"{Level} {Category}: {Message}";
}
