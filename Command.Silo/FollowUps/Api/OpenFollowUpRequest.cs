namespace Command.Silo.FollowUps.Api;

/// <summary>跟踪督办: the task, the owner's username and when the owner must have reported back.</summary>
public sealed record OpenFollowUpRequest(string? Task, string? Owner, DateTimeOffset? DueAt);
