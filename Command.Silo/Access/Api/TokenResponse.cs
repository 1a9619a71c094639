namespace Command.Silo.Access.Api;

/// <summary>A new bearer token. <see cref="AccessToken"/> is shown this once; the server keeps only <see cref="TokenId"/>.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, string TokenId, DateTimeOffset ExpiresAt, long ExpiresIn, string Subject, string? TeamId);
