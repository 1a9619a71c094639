using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Runtime;
using Microsoft.AspNetCore.Identity;

namespace Command.Silo.Access;

[GrainType("user")]
public sealed class UserGrain(PasswordHasher<string> hasher) : JournaledGrain<UserState, UserEvent>, IUserGrain
{
    protected override UserState InitialState => UserState.Empty;

    protected override UserState Apply(UserState state, UserEvent @event, EventMeta meta) => @event switch
    {
        // Only the demo seed creates accounts as "demo" (a person's actor is always role:name(username)), and it gives
        // them the published password.
        UserCreated c => new UserState(c.Profile, c.PasswordHash, false, meta.At, meta.Actor, null, DemoPassword: meta.Actor == DemoUsers.Seeder),
        // A re-hash keeps the password. Journals from before the flag mark it by the actor: the user's own name.
        PasswordSet p when p.Rehashed || meta.Actor == Key => state with { PasswordHash = p.PasswordHash },
        PasswordSet p => state with { PasswordHash = p.PasswordHash, PasswordChangedAt = meta.At, DemoPassword = false },
        UserDisabledChanged d => state with { Disabled = d.Disabled },
        _ => state,
    };

    public async Task<UserView> Create(UserProfile profile, string password, string actor)
    {
        if (State.Profile is not null)
        {
            throw CommandRejectedException.Conflict($"用户名{Key}已被占用，请换一个用户名。");
        }
        RaiseEvent(new UserCreated(profile, hasher.HashPassword(Key, password)), actor);
        return await Confirm();
    }

    public Task<UserView?> Get() => Task.FromResult(State.Profile is null ? null : View());

    public async Task<UserView?> VerifyPassword(string password)
    {
        if (State.Profile is null || State.PasswordHash is null)
        {
            // The same work as a real check, so that a missing account does not answer faster than a wrong password.
            hasher.VerifyHashedPassword(Key, DummyHash.Value, password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(Key, State.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || State.Disabled)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            RaiseEvent(new PasswordSet(hasher.HashPassword(Key, password), Rehashed: true), Key);
            await ConfirmEvents();
        }
        return View();
    }

    public async Task<UserView> SetPassword(string password, string actor)
    {
        RequireExisting();
        // A reset to the same password would look done (sessions revoked, a change date) and change nothing.
        if (State.PasswordHash is not null && hasher.VerifyHashedPassword(Key, State.PasswordHash, password) != PasswordVerificationResult.Failed)
        {
            throw CommandRejectedException.Invalid($"新密码{PasswordPolicy.SameAsCurrent}");
        }
        RaiseEvent(new PasswordSet(hasher.HashPassword(Key, password)), actor);
        return await Confirm();
    }

    public Task<bool> HasDemoPassword() => Task.FromResult(State.Profile is not null && State.DemoPassword);

    public async Task<UserView> SetDisabled(bool disabled, string actor)
    {
        RequireExisting();
        if (State.Disabled != disabled)
        {
            RaiseEvent(new UserDisabledChanged(disabled), actor);
        }
        return await Confirm();
    }

    private void RequireExisting()
    {
        if (State.Profile is null)
        {
            throw CommandRejectedException.NotFound("没有这个账号，请核对用户名后重试。");
        }
    }

    private async Task<UserView> Confirm()
    {
        await ConfirmEvents();
        var view = View();
        await GrainFactory.GetGrain<IUserDirectoryGrain>(UserDirectoryGrain.DirectoryKey).Record(view);
        return view;
    }

    private UserView View()
    {
        var p = State.Profile!;
        return new UserView(Key, p.DisplayName, p.Role, p.JurisdictionId, p.TeamId, State.Disabled, State.CreatedAt, State.CreatedBy, State.PasswordChangedAt, p.Department);
    }

    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<string>().HashPassword("", Guid.NewGuid().ToString());
    }
}
