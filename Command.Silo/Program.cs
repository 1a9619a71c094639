using Command.Silo.Escalation;
using Command.Silo.Hosting;

if (args is ["maps", "synthesize", ..])
{
    Command.Silo.Jurisdictions.Synthesis.MapSynthesizer.WriteFiles(args.Length > 2 ? args[2] : "maps");
    return 0;
}
if (args is ["bench", "timers", ..])
{
    return await Command.Silo.Bench.TimerLatencyBench.RunAsync(args[2..]);
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
app.MapSilo();
await app.RunAsync();
return 0;
