using Command.Silo.Hosting;

namespace Command.Silo.Access;

public static class Passwords
{
    public const int MinLength = 8;

    /// <summary>Length is what matters against guessing; the throttle does the rest.</summary>
    public static void Validate(string? password, string field) =>
        new Validation()
            .Require(password is { Length: >= MinLength and <= SignInService.MaxPassword }, field, $"must be {MinLength} to {SignInService.MaxPassword} characters.")
            .Require(password is null || !password.Any(char.IsControl), field, "must not contain control characters.")
            .Require(password is null || password.Distinct().Count() >= 4, field, "is too simple.")
            .ThrowIfInvalid();
}
