namespace Command.Silo.Access;

/// <summary>Sign-in and limits, from the "Access" configuration section.</summary>
public sealed class AccessOptions
{
    /// <summary>A browser session lasts a long duty shift; it slides while the page is in use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A user's bearer token, for scripts and client programs.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A patrol terminal's token; it is revoked when the terminal is lost or retired.</summary>
    public TimeSpan DeviceTokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Active terminal tokens one team may hold: a vehicle's terminal, a handset and a spare. Another is refused
    /// (409, listing the team's tokens) until one is revoked, rather than silently retiring a terminal in the field.</summary>
    public int DeviceTokensPerTeam { get; set; } = 3;

    /// <summary>Terminal tokens one person may issue in an hour (429 with Retry-After beyond it); revoked ones count.</summary>
    public int DeviceTokensPerIssuerPerHour { get; set; } = 20;

    /// <summary>PBKDF2 iterations for new password hashes (ASP.NET Core Identity's default).</summary>
    public int PasswordIterations { get; set; } = 100_000;

    /// <summary>Failed sign-ins per client address (and per username) in a minute before further attempts get 429.</summary>
    public int SignInFailuresPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts of any outcome per client address in a minute (the rate limiter's fixed window).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 30;

    /// <summary>Position reports in a minute per team for a team's own terminals and leader (they share one budget,
    /// however many tokens the team holds), and per credential for anyone else; a terminal reports every few seconds.</summary>
    public int PositionsPerMinute { get; set; } = 240;

    /// <summary>Token use is audited on first use and then at most this often per token, not on every position.</summary>
    public TimeSpan TokenUseAuditInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Origins allowed to call the API from another site. Empty: none (CORS closed).</summary>
    public string[] CorsOrigins { get; set; } = [];
}
