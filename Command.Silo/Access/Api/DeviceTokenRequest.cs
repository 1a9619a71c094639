namespace Command.Silo.Access.Api;

/// <summary>Which terminal the token is for (e.g. "车载终端 鲁P·12345"), so it can be found and revoked later.</summary>
public sealed record DeviceTokenRequest(string? Label);
