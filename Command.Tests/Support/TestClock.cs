using Microsoft.Extensions.Time.Testing;

namespace Command.Tests.Support;

/// <summary>
/// The fake clock the tests drive. One start instant for all of them, because expectations are written as offsets
/// from it (case numbers carry its Beijing date, golden windows count from it).
/// </summary>
public static class TestClock
{
    /// <summary>10:00 in Beijing: a case number opened now is dated 20261121 whichever zone the machine is in.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A clock at <see cref="Start"/>. Its LocalTimeZone stays the library's UTC; nothing should read it,
    /// since Beijing time is an explicit offset (IncidentOptions.LocalUtcOffset), never the host's zone.</summary>
    public static FakeTimeProvider Create() => new(Start);
}
