using Command.Silo.Hosting;

if (args is ["maps", "synthesize", ..])
{
    Command.Silo.Jurisdictions.Synthesis.MapSynthesizer.WriteFiles(args.Length > 2 ? args[2] : "maps");
    return 0;
}

SiloCommandLine.Parsed parsed;
try
{
    parsed = SiloCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var builder = WebApplication.CreateBuilder(parsed.HostArgs);
builder.AddSilo(parsed.Options);
var app = builder.Build();
app.MapSilo();
await app.RunAsync();
return 0;
