namespace Command.Silo.Access.Api;

/// <summary>A script or client program asks for a bearer token with a user's password.</summary>
public sealed record TokenRequest(string? Username, string? Password, string? Label);
