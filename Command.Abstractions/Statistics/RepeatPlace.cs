namespace Command.Abstractions.Statistics;

/// <summary>A 矛盾激化 hot spot: a village (社区) that received at least the repeated-incident rule's count of cases of one
/// cause in the period. <see cref="Cause"/> is the call's cause, or its type when it gave none; <see cref="Township"/> is
/// the name of the township (乡镇/街道) it belongs to, since village names repeat across a county.</summary>
public sealed record RepeatPlace(string JurisdictionId, string Name, string? Township, string Cause, int Count, DateTimeOffset LastAt);
