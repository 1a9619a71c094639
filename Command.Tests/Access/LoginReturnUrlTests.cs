using System.Net;
using System.Text.RegularExpressions;
using Command.Abstractions.Access;
using Command.Console;
using Command.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Command.Tests.Access;

/// <summary>Where sign-in goes afterwards: a path on this site, percent-encoded when it is not ASCII (a Location header
/// carries ASCII only), decided before any session is registered, so a return address can never turn a sign-in into a 500.</summary>
public sealed partial class LoginReturnUrlTests
{
    private const string Guanxian = "/%E5%86%A0%E5%8E%BF";

    [Theory]
    [InlineData("/冠县", Guanxian)]
    [InlineData("/leader?县=冠县 城", "/leader?%E5%8E%BF=%E5%86%A0%E5%8E%BF%20%E5%9F%8E")]
    [InlineData("/patrol?x=%E4%B8%80", "/patrol?x=%E4%B8%80")]
    [InlineData("/emoji/🚓", "/emoji/%F0%9F%9A%93")]
    [InlineData("//evil.example/冠县", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    public void AReturnUrlIsALocalPathInAscii(string url, string local)
    {
        Assert.Equal(local, LoginPage.LocalUrl(url));
        Assert.Equal(local, LoginPage.LocalUrl(local));
    }

    [Fact]
    public void ALongNonAsciiReturnUrlStaysWhatItWasEncodedAs()
    {
        string encoded = LoginPage.LocalUrl("/" + new string('冠', 200));
        Assert.Equal(1 + 200 * 9, encoded.Length);
        Assert.Equal(encoded, LoginPage.LocalUrl(encoded));
        Assert.Equal("/", LoginPage.LocalUrl("/" + new string('冠', 300)));
        // Half a surrogate pair is no text at all.
        Assert.Equal("/", LoginPage.LocalUrl("/\ud800x"));
    }

    [Fact]
    public async Task SigningInWithANonAsciiReturnUrlRedirectsThereEncodedAndRegistersOneSession()
    {
        await using var app = new CommandApp();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        string form = await browser.GetStringAsync("/login?returnUrl=" + Uri.EscapeDataString("/冠县"));
        Assert.Contains($"name=\"returnUrl\" value=\"{Guanxian}\"", form);
        string token = AntiforgeryField().Match(form).Groups[1].Value;

        var signedIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "gx.duty",
            ["password"] = Silo.Demo.DemoUsers.Password,
            ["returnUrl"] = "/冠县",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(Guanxian, signedIn.Headers.Location?.OriginalString);
        var sessions = (await CommandApp.Get<List<Credential>>(app.Api("admin"), "/api/credentials?subject=gx.duty")).Where(c => c.Kind == CredentialKind.Session).ToList();
        Assert.Single(sessions);

        // Signed in already, /login sends the browser on, encoded the same way.
        var onward = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString("/冠县"));
        Assert.Equal((HttpStatusCode.Redirect, Guanxian), (onward.StatusCode, onward.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task KestrelAnswersANonAsciiReturnUrlWithARedirectNotA500()
    {
        await using var silo = await SiloProcess.StartAsync(args: ["--storage", "memory"]);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = silo.BaseAddress };
        string token = AntiforgeryField().Match(await browser.GetStringAsync("login")).Groups[1].Value;

        using var signedIn = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "gx.duty",
            ["password"] = Silo.Demo.DemoUsers.Password,
            ["returnUrl"] = "/冠县",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(Guanxian, signedIn.Headers.Location?.OriginalString);
        Assert.DoesNotContain("fail:", silo.Output);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
