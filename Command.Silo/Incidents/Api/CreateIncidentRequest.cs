using System.Text.Json;

namespace Command.Silo.Incidents.Api;

/// <summary>A call as a call-taking terminal posts it. Fields are loosely typed so that a wrong value gets a
/// 422 naming the field, not a generic parse error.</summary>
public sealed record CreateIncidentRequest(
    JsonElement? Channel,
    string? Type,
    int? Severity,
    double? Lon,
    double? Lat,
    string? Address,
    string? Description,
    string? CallerPhone,
    int? CrowdSize,
    string? Cause = null);
