using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>Refuses at start an Access section that would leave sign-in unprotected.</summary>
public sealed class AccessOptionsValidation : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
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
