using System.Collections.Immutable;
using Command.Abstractions.Access;
using Command.Silo.Runtime;

namespace Command.Silo.Access;

[GrainType("users")]
public sealed class UserDirectoryGrain : JournaledGrain<ImmutableSortedDictionary<string, UserView>, UserDirectoryEvent>, IUserDirectoryGrain
{
    public const string DirectoryKey = "all";

    protected override ImmutableSortedDictionary<string, UserView> InitialState => ImmutableSortedDictionary<string, UserView>.Empty;

    protected override int SnapshotEvery => 64;

    protected override ImmutableSortedDictionary<string, UserView> Apply(ImmutableSortedDictionary<string, UserView> state, UserDirectoryEvent @event, EventMeta meta) => @event switch
    {
        UserRecorded r => state.SetItem(r.User.Username, r.User),
        _ => state,
    };

    public async Task Record(UserView user)
    {
        if (State.TryGetValue(user.Username, out var known) && known == user)
        {
            return;
        }
        RaiseEvent(new UserRecorded(user), "system");
        await ConfirmEvents();
    }

    public Task<IReadOnlyList<UserView>> List() => Task.FromResult<IReadOnlyList<UserView>>([.. State.Values]);
}
