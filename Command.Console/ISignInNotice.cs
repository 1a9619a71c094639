namespace Command.Console;

/// <summary>What the sign-in page must tell everyone who opens it, above the form: that demo accounts with a public
/// password exist, say. The silo registers one; without it the page says nothing extra.</summary>
public interface ISignInNotice
{
    /// <summary>The notice in Chinese, or null. Read on every sign-in page, so it must answer at once.</summary>
    string? Text { get; }
}
