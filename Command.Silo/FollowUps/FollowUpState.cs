using System.Collections.Immutable;
using Command.Abstractions.FollowUps;
using Command.Silo.Runtime;

namespace Command.Silo.FollowUps;

public sealed record FollowUpState(FollowUpOpening? Opening, string? OpenedBy, DateTimeOffset OpenedAt)
{
    public static FollowUpState Empty { get; } = new(null, null, default);

    public ImmutableList<FollowUpReply> Replies { get; init; } = [];

    public DateTimeOffset? OverdueAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosedBy { get; init; }

    public string? CloseNote { get; init; }

    public bool Exists => Opening is not null;

    public FollowUpState Apply(FollowUpEvent @event, EventMeta meta) => @event switch
    {
        FollowUpOpened o => this with { Opening = o.Opening, OpenedBy = meta.Actor, OpenedAt = meta.At },
        FollowUpReplied r => this with { Replies = Replies.Add(new FollowUpReply(meta.At, meta.Actor, r.Text)) },
        FollowUpOverdue => this with { OverdueAt = meta.At },
        FollowUpClosed c => this with { ClosedAt = meta.At, ClosedBy = meta.Actor, CloseNote = c.Note },
        _ => this,
    };

    public FollowUpView ToView(string id, long version)
    {
        var o = Opening!;
        string state = ClosedAt is not null ? "closed" : Replies.Count > 0 ? "replied" : "open";
        return new FollowUpView(id, o.IncidentId, o.IncidentNumber, o.JurisdictionId, o.JurisdictionChain, o.Task, o.OwnerUsername, o.OwnerName,
            o.DueAt, OpenedBy!, o.OpenerUsername, OpenedAt, state, Replies, OverdueAt, ClosedAt, ClosedBy, CloseNote, version);
    }
}
