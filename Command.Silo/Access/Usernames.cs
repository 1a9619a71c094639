namespace Command.Silo.Access;

/// <summary>Usernames are lower-case ASCII (gx.duty, zhangwei01): they are typed on phones and end up in grain keys.</summary>
public static class Usernames
{
    /// <summary>The longest username there can be; a longer one is refused before anything about it is kept.</summary>
    public const int MaxLength = 32;

    public static string Normalize(string? username) => (username ?? "").Trim().ToLowerInvariant();

    public static bool IsValid(string username) =>
        username.Length is >= 3 and <= MaxLength
        && char.IsAsciiLetterOrDigit(username[0])
        && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    /// <summary>What the audit journal records for a typed username: as typed when plausible, otherwise a safe marker,
    /// so that hostile text never lands in the journal verbatim.</summary>
    public static string ForAudit(string username) =>
        IsValid(username) ? username : $"(invalid username, {username.Length} chars)";
}
