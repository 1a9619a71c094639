namespace Command.Silo.Access.Api;

/// <summary>The login page's form.</summary>
public sealed class SignInForm
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
