using Orleans;

namespace Command.Abstractions.FollowUps;

/// <summary>反馈: what the owner reported back, and when; <see cref="By"/> names them as timelines do.</summary>
[GenerateSerializer, Immutable]
public sealed record FollowUpReply(DateTimeOffset At, string By, string Text);
