using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Tests.Support;
using Microsoft.Extensions.Options;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>A new password is long enough, not one of the first a guesser tries, not the demo password, does not spell
/// the username and is not the current one: for an account opened, reset or changed by its owner. Each refusal is a
/// 422 naming the field, and nothing is kept or revoked.</summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private static readonly PasswordPolicy policy = new(Options.Create(new AccessOptions()));

    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("12345678")]
    [InlineData("password")]
    [InlineData("Passw0rd")]
    [InlineData("demo-2026")]
    public void ThePasswordsAnAttackerTriedFirstAreRefused(string password) =>
        Assert.StartsWith("密码", Refusal(password, "someone"));

    [Theory]
    [InlineData("Password2026!", PasswordPolicy.Common)]
    [InlineData("P@ssw0rd1234", PasswordPolicy.Common)]
    [InlineData("pass-word-2026", PasswordPolicy.Common)]
    [InlineData("1234567890", PasswordPolicy.Common)]
    [InlineData("QWERTYUIOP", PasswordPolicy.Common)]
    [InlineData("woaini1314!", PasswordPolicy.Common)]
    [InlineData("2026Liaocheng", PasswordPolicy.Common)]
    [InlineData("Adm1n-2026-!", PasswordPolicy.Common)]
    [InlineData("DEMO-2026", PasswordPolicy.Demo)]
    [InlineData("Demo2026", PasswordPolicy.Demo)]
    [InlineData("demo-2026!!!", PasswordPolicy.Common)]
    public void CommonPasswordsAreRefusedWhateverTheCaseLookAlikesOrDigitsAdded(string password, string reason) =>
        Assert.Contains($"密码{reason}", Refusal(password, "someone"));

    [Theory]
    [InlineData("gx.duty", "GxDuty-night-shift")]
    [InlineData("gx.duty", "my-gx.duty-key-77")]
    [InlineData("zhangwei01", "ZhangWei01 is here")]
    public void APasswordThatSpellsTheUsernameIsRefused(string username, string password) =>
        Assert.Contains($"密码{PasswordPolicy.ContainsUsername}", Refusal(password, username));

    [Theory]
    [InlineData("night-shift-2026")]
    [InlineData("river lantern 42")]
    [InlineData("冠县夜巡第三组的口令牌")]
    [InlineData("correct horse battery staple")]
    public void LongUncommonPasswordsAreAccepted(string password) => policy.Validate(password, "password", "gx.duty");

    [Fact]
    public void TheMinimumLengthIsConfigured()
    {
        var strict = new PasswordPolicy(Options.Create(new AccessOptions { PasswordMinLength = 14 }));
        strict.Validate("night-shift-26", "password", "gx.duty");
        var refused = Assert.Throws<CommandRejectedException>(() => strict.Validate("river-lamp-42", "password", "gx.duty"));
        Assert.Contains("密码须为14到128个字符。", refused.Message);
        Assert.Equal(10, new AccessOptions().PasswordMinLength);
    }

    [Fact]
    public async Task WeakPasswordsAreRefusedOnEveryPathWithTheFieldNamedAndNothingKept()
    {
        var admin = app.Api("admin");
        var owner = app.WithToken(await app.SignIn("gx.leader"));

        var opened = await CommandApp.Problem(await admin.PostAsJsonAsync("/api/users",
            new { username = "gx.weak", displayName = "弱口令", role = "dutyOfficer", jurisdictionId = GuanxianId, password = "Passw0rd" }), HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("密码", ChineseRefusal.Check(opened));
        Assert.DoesNotContain(await CommandApp.Get<List<UserView>>(admin, "/api/users"), u => u.Username == "gx.weak");

        var reset = await CommandApp.Problem(await admin.PostAsJsonAsync("/api/users/gx.leader/password", new { password = "Password2026!" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"密码{PasswordPolicy.Common}", ChineseRefusal.Check(reset));

        foreach (var (weak, reason) in new[] { ("12345678", "须为10到128个字符。"), ("demo-2026", PasswordPolicy.Demo), ("gx.leader-2026", PasswordPolicy.ContainsUsername) })
        {
            var changed = await CommandApp.Problem(await owner.PostAsJsonAsync("/api/auth/password",
                new { currentPassword = Silo.Demo.DemoUsers.Password, newPassword = weak }), HttpStatusCode.UnprocessableEntity);
            Assert.Contains($"新密码{reason}", ChineseRefusal.Check(changed));
        }

        // Nothing was set or revoked: the owner's token works and the old password still signs in.
        await CommandApp.Get<Silo.Access.Api.Me>(owner, "/api/auth/me");
        Assert.Null((await CommandApp.Get<List<UserView>>(admin, "/api/users")).Single(u => u.Username == "gx.leader").PasswordChangedAt);
        await app.SignIn("gx.leader");
    }

    [Fact]
    public async Task TheCurrentPasswordIsRefusedAsTheNewOne()
    {
        var admin = app.Api("admin");
        var owner = app.WithToken(await app.SignIn("gx.leader"));
        await CommandApp.Read<UserView>(await owner.PostAsJsonAsync("/api/auth/password", new { currentPassword = Silo.Demo.DemoUsers.Password, newPassword = "river-lantern-42" }));
        owner = app.WithToken(await app.SignIn("gx.leader", "river-lantern-42"));

        var again = await CommandApp.Problem(await owner.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = "river-lantern-42", newPassword = "river-lantern-42" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"新密码{PasswordPolicy.SameAsCurrent}", ChineseRefusal.Check(again));

        // An administrator does not know the current password; the account's grain does, and refuses it before
        // anything is revoked.
        var reset = await CommandApp.Problem(await admin.PostAsJsonAsync("/api/users/gx.leader/password", new { password = "river-lantern-42" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"新密码{PasswordPolicy.SameAsCurrent}", ChineseRefusal.Check(reset));
        await CommandApp.Get<Silo.Access.Api.Me>(owner, "/api/auth/me");

        await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users/gx.leader/password", new { password = "harbor-light-17" }));
        await CommandApp.Problem(await owner.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await app.SignIn("gx.leader", "harbor-light-17");
    }

    private static string Refusal(string password, string username) =>
        Assert.Throws<CommandRejectedException>(() => policy.Validate(password, "password", username)).Message;
}
