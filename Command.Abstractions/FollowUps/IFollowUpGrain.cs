using Orleans;

namespace Command.Abstractions.FollowUps;

/// <summary>One 跟踪督办 item: a task put on a case with an owner and a deadline, reported back on by the owner and
/// closed off (销号) only by whoever opened it. Keyed by the item's id.</summary>
public interface IFollowUpGrain : IGrainWithStringKey
{
    /// <summary>Opens the item. Calling it again with the same id returns the existing item unchanged.</summary>
    Task<FollowUpView> Open(FollowUpOpening opening, string actor);

    /// <summary>Null when no item was ever opened under this id.</summary>
    Task<FollowUpView?> Get();

    /// <summary>The owner reports back (反馈); only the owner may, and not after 销号.</summary>
    Task<FollowUpView> Reply(string text, string username, string actor);

    /// <summary>销号: only the username that opened it may close it, with an optional note.</summary>
    Task<FollowUpView> Close(string? note, string username, string actor);
}
