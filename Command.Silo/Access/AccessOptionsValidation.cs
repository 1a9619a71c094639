using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>Refuses at start an Access section that would leave sign-in unprotected or the proxies unclear.</summary>
public sealed class AccessOptionsValidation : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
        if (TrustedProxies.Invalid(options.TrustedProxies).ToList() is { Count: > 0 } invalid)
        {
            problems.Add($"Access:TrustedProxies: {string.Join(", ", invalid.Select(e => $"'{e}'"))} is not an IP address (10.0.0.10) or network (10.0.0.0/24).");
        }
        if (options.SignInFailuresPerMinute < 1 || options.SignInFailuresPerUsernamePerMinute < 1)
        {
            problems.Add("Access:SignInFailuresPerMinute and Access:SignInFailuresPerUsernamePerMinute must be at least 1.");
        }
        if (options.SignInThrottleMaxKeys < 10)
        {
            problems.Add("Access:SignInThrottleMaxKeys must be at least 10.");
        }
        if (options.AuditRepeatSources < 1)
        {
            problems.Add("Access:AuditRepeatSources must be at least 1.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
