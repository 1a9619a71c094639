using System.Text.Json.Serialization;

namespace Command.Silo.FollowUps;

/// <summary>What a 跟踪督办 item's journal records: its whole history, which nobody can edit afterwards.</summary>
[JsonDerivedType(typeof(FollowUpOpened), "opened")]
[JsonDerivedType(typeof(FollowUpReplied), "replied")]
[JsonDerivedType(typeof(FollowUpOverdue), "overdue")]
[JsonDerivedType(typeof(FollowUpClosed), "closed")]
public abstract record FollowUpEvent;
