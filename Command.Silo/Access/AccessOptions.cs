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

    /// <summary>The shortest password an account may be given. Length is what holds against guessing once the common
    /// passwords are refused; ten characters is what a duty officer can still type on a phone.</summary>
    public int PasswordMinLength { get; set; } = 10;

    /// <summary>Failed sign-ins from one client address in a minute, whatever the usernames, before further attempts
    /// from it get 429.</summary>
    public int SignInFailuresPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins for one username in a minute, from all addresses together, after which an address that
    /// has itself failed for that username gets 429 for it. An address that has not failed for it is still heard, so
    /// guessing someone's password from elsewhere does not lock its owner out.</summary>
    public int SignInFailuresPerUsernamePerMinute { get; set; } = 50;

    /// <summary>Most addresses, usernames and address-username pairs the sign-in throttle tracks at once. Expired ones
    /// are dropped every minute; when it is full, those with the fewest recent failures go first.</summary>
    public int SignInThrottleMaxKeys { get; set; } = 100_000;

    /// <summary>Sign-in attempts of any outcome per client address in a minute (the rate limiter's fixed window).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 30;

    /// <summary>Position reports in a minute per team for a team's own terminals and leader (they share one budget,
    /// however many tokens the team holds), and per credential for anyone else; a terminal reports every few seconds.</summary>
    public int PositionsPerMinute { get; set; } = 240;

    /// <summary>Token use is audited on first use and then at most this often per token, not on every position.</summary>
    public TimeSpan TokenUseAuditInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Origins allowed to call the API from another site. Empty: none (CORS closed).</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Addresses (10.0.0.10) or networks (10.0.0.0/24) of the reverse proxies whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty: those headers are ignored, whoever sends them.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Most sources (client address and kind of refusal) whose repeated refusals are summarised at once; the
    /// refusals of further addresses are summarised together until a minute has passed.</summary>
    public int AuditRepeatSources { get; set; } = 10_000;
}
