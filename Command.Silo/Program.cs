using Command.Silo.Escalation;
using Command.Silo.Hosting;

if (args is ["maps", "synthesize", ..])
{
    Command.Silo.Jurisdictions.Synthesis.MapSynthesizer.WriteFiles(args.Length > 2 ? args[2] : "maps");
    Command.Silo.Addresses.AddressSynthesizer.WriteFile(args.Length > 2 ? args[2] : "maps");
    return 0;
}

SiloCommandLine.Parsed parsed;
CommandRules rules;
try
{
    parsed = SiloCommandLine.Parse(args);
    rules = RulesLoader.Load(parsed.Options.RulesFile);
}
catch (Exception ex) when (ex is ArgumentException or RulesException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var builder = WebApplication.CreateBuilder(parsed.HostArgs);
builder.AddSilo(parsed.Options, rules);
var app = builder.Build();
// Read before the run: the host is disposed when RunAsync returns.
var refusal = app.Services.GetRequiredService<StartRefusal>();
try
{
    await StoreDown.ThrowIfRedisUnreachableAsync(parsed.Options, app.Configuration);
    // Mapping opens the store (the sign-in keys live in the journal), so a store that is down or taken is told here.
    app.MapSilo();
    await app.RunAsync();
    if (refusal.Current is { } refused)
    {
        Console.Error.WriteLine(refused.Message);
        return refused.ExitCode;
    }
}
catch (Exception ex) when (StoreDown.Reason(ex) is { } reason)
{
    // Starting against a store that is down is an operator's problem to fix, not a crash to debug: say what and how.
    Console.Error.WriteLine($"The silo cannot start: {reason}");
    Console.Error.WriteLine(StoreDown.Hint(ex, parsed.Options));
    return 3;
}
catch (OperationCanceledException)
{
    // Stopped (Ctrl+C, SIGTERM) while joining the cluster or loading: nothing was served, so nothing is left to finish.
    Console.Error.WriteLine("The silo stopped before it started serving.");
    return 0;
}
return 0;
