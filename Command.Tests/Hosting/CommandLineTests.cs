using Command.Silo.Hosting;

namespace Command.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void DefaultsAreTheContractsDefaults()
    {
        var parsed = SiloCommandLine.Parse([]);

        Assert.Equal(["--urls", "http://127.0.0.1:5080"], parsed.HostArgs);
        Assert.Equal(("./data", StorageKind.Sqlite, "127.0.0.1:6379", true, (double?)null),
            (parsed.Options.DataDirectory, parsed.Options.Storage, parsed.Options.Redis, parsed.Options.Demo, parsed.Options.SimulateRate));
    }

    [Fact]
    public void EveryContractOptionIsRead()
    {
        var parsed = SiloCommandLine.Parse(["--urls", "http://127.0.0.1:6000", "--data", "/tmp/d", "--storage", "memory", "--redis", "r:1", "--rules", "rules.json", "--no-demo", "--simulate", "30"]);

        Assert.Equal("http://127.0.0.1:6000", parsed.HostArgs[1]);
        Assert.Equal(("/tmp/d", StorageKind.Memory, "r:1", "rules.json", false, (double?)30),
            (parsed.Options.DataDirectory, parsed.Options.Storage, parsed.Options.Redis, parsed.Options.RulesFile, parsed.Options.Demo, parsed.Options.SimulateRate));
    }

    [Theory]
    [InlineData(new[] { "--simulate" }, SiloCommandLine.DefaultSimulateRate)]
    [InlineData(new[] { "--simulate", "--no-demo" }, SiloCommandLine.DefaultSimulateRate)]
    [InlineData(new[] { "--simulate=12.5" }, 12.5)]
    public void SimulateRateIsOptional(string[] args, double rate) =>
        Assert.Equal(rate, SiloCommandLine.Parse(args).Options.SimulateRate);

    [Theory]
    [InlineData(new[] { "--storage", "postgres" }, "--storage must be sqlite, redis or memory")]
    [InlineData(new[] { "--storage", "1" }, "--storage must be sqlite, redis or memory")]
    [InlineData(new[] { "--simulate", "-3" }, "--simulate takes a rate")]
    [InlineData(new[] { "--simulate", "NaN" }, "--simulate takes a rate")]
    [InlineData(new[] { "--data" }, "--data needs a value")]
    [InlineData(new[] { "--demos" }, "Unknown option '--demos'")]
    public void BadOptionsStopTheStartWithAMessage(string[] args, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => SiloCommandLine.Parse(args)).Message);
}
