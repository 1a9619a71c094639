using System.Text.Json;
using Command.Silo.Addresses;
using Command.Silo.Jurisdictions;
using Command.Silo.Spatial;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>A call taken from the keyboard alone: the hotkey opens 接警登记, the street address is chosen from the
/// standard address base with the arrow keys and Enter, the call is saved, the first recommended team is sent with a
/// hotkey and Esc closes the case.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class KeyboardCallTakingTests(BrowserFixture browser)
{
    private static readonly Lazy<IReadOnlyList<StandardAddress>> DemoAddresses = new(() =>
    {
        var maps = JurisdictionMap.FindMapsDirectory();
        return AddressCsv.Parse(File.ReadAllText(Path.Combine(maps, AddressBook.DemoFileName)), JurisdictionMap.Load(maps)).Addresses;
    });

    /// <summary>The demo street address nearest to a team, so that the team is among those recommended for it.</summary>
    private static StandardAddress AddressNear(JsonElement team)
    {
        var position = team.GetProperty("position");
        double lon = position.GetProperty("lon").GetDouble(), lat = position.GetProperty("lat").GetDouble();
        return DemoAddresses.Value.MinBy(a => GeoMath.DistanceMeters(lon, lat, a.Lon, a.Lat))!;
    }

    private static Task<string?> FocusedId(IPage page) => page.EvaluateAsync<string?>("() => document.activeElement?.id || null");

    [Fact]
    public async Task AWholeCallIsTakenAndDispatchedWithoutTheMouse()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var address = AddressNear(team);
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        // F2: the call form opens with the cursor in it.
        await page.Keyboard.PressAsync("F2");
        await Assertions.Expect(page.Locator("#create-panel")).ToBeVisibleAsync();
        Assert.Equal("new-channel", await FocusedId(page));

        // The type with the arrow keys: the option after 治安 in the list.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("new-type", await FocusedId(page));
        string expectedType = await page.EvaluateAsync<string>("() => { const s = document.getElementById('new-type'); return s.options[s.selectedIndex + 1].value; }");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("#new-type")).ToHaveValueAsync(expectedType);

        // The street address as the caller says it, with the house number apart; ↓ highlights the best match.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("new-address", await FocusedId(page));
        string number = address.Address[(address.Address.LastIndexOfAny("路街道".ToCharArray()) + 1)..^1];
        string typed = address.Address[..^(number.Length + 1)] + " " + number + " 号";
        await page.Keyboard.TypeAsync(typed);
        var input = page.Locator("#new-address");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        var first = page.Locator("#new-address-list [role=option]").First;
        await Assertions.Expect(first.Locator(".place-name")).ToHaveTextAsync(address.Address);
        await Assertions.Expect(first).ToHaveAttributeAsync("data-kind", "address");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await page.ScreenshotAsync("keyboard-address-suggestions");
        await page.Keyboard.PressAsync("Enter");

        // Enter took the address and its point; it did not submit the form.
        await Assertions.Expect(input).ToHaveValueAsync(address.Address);
        await Assertions.Expect(page.Locator("#new-address-list")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#new-location")).ToContainTextAsync("所属辖区");
        await Assertions.Expect(page.Locator("#create-panel")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("new-phone", await FocusedId(page));
        await page.Keyboard.TypeAsync("13800002222");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("门口有人吵架，快打起来了");
        await page.Keyboard.PressAsync("Control+Enter");

        // Saved and shown; the place is the standard address's.
        var numberShown = page.Locator("#detail-number");
        await Assertions.Expect(numberShown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\S+"));
        string id = await page.EvaluateAsync<string>("() => window.__command.selectedIncident()");
        var incident = await browser.Api.GetJsonAsync($"api/incidents/{id}");
        Assert.Equal(address.Address, incident.Text("address"));
        Assert.Equal(expectedType, incident.Text("type"));
        Assert.Equal("13800002222", incident.Text("callerPhone"));
        Assert.Equal(address.Lon, incident.GetProperty("location").GetProperty("lon").GetDouble(), 5);
        Assert.Equal(address.Lat, incident.GetProperty("location").GetProperty("lat").GetDouble(), 5);

        // F4 sends the first recommended team.
        var recommended = page.Locator("#detail-recommendations button.dispatch").First;
        await Assertions.Expect(recommended).ToBeVisibleAsync();
        string teamId = (await recommended.GetAttributeAsync("data-team"))!;
        await page.Keyboard.PressAsync("F4");
        await Assertions.Expect(page.Locator($"#detail-assignments tr[data-team='{teamId}']")).ToContainTextAsync("已派警");
        Assert.Equal("dispatched", (await browser.Api.GetJsonAsync($"api/teams/{teamId}")).Text("status"));
        await page.ScreenshotAsync("keyboard-dispatched");

        // Esc closes the case's panel.
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("() => window.__command.selectedIncident() === null");
        await Assertions.Expect(page.Locator("#detail-number")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheLegendListsTheHotkeysAndTextFieldsKeepTheirKeys()
    {
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        // ? outside a text field shows the legend, Esc hides it.
        await page.Keyboard.PressAsync("?");
        var legend = page.Locator("#hotkey-help");
        await Assertions.Expect(legend).ToBeVisibleAsync();
        await Assertions.Expect(legend).ToContainTextAsync("F2");
        await Assertions.Expect(legend).ToContainTextAsync("接警登记");
        await Assertions.Expect(legend).ToContainTextAsync("F4");
        await Assertions.Expect(legend).ToContainTextAsync("第一推荐警力");
        await Assertions.Expect(legend).ToContainTextAsync("Esc");
        await page.ScreenshotAsync("keyboard-legend");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(legend).ToBeHiddenAsync();

        // In the description ? is a character, not the legend.
        await page.Keyboard.PressAsync("Alt+N");
        await Assertions.Expect(page.Locator("#create-panel")).ToBeVisibleAsync();
        await page.Locator("#new-description").FocusAsync();
        await page.Keyboard.TypeAsync("有人问路?");
        await Assertions.Expect(page.Locator("#new-description")).ToHaveValueAsync("有人问路?");
        await Assertions.Expect(legend).ToBeHiddenAsync();

        // F4 with no case open says so instead of doing anything.
        await page.Keyboard.PressAsync("F4");
        await Assertions.Expect(page.Locator("#hotkey-toast")).ToContainTextAsync("请先在警情列表中选中一条警情");

        // An address the base does not know offers nothing, and Enter then is the form's: it asks for the place.
        await page.Locator("#new-address").FocusAsync();
        await page.Keyboard.TypeAsync("火星基地99号");
        await Assertions.Expect(page.Locator("#new-address-list")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#create-incident-form .form-message")).ToContainTextAsync("请先确定报警位置");

        // Esc in the call form closes it.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#create-panel")).ToBeHiddenAsync();
    }
}
