using Orleans;

namespace Command.Abstractions.Access;

/// <summary>The list of every user, kept by the users' grains, so that listing does not wake each account. Key "all".</summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    Task Record(UserView user);

    Task<IReadOnlyList<UserView>> List();
}
