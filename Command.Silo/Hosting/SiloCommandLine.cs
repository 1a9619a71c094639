using System.Globalization;

namespace Command.Silo.Hosting;

/// <summary>
/// Reads the contract's options. Anything it does not know is an error with the option named, never ignored:
/// a mistyped --storage must not silently start a silo on the wrong store.
/// </summary>
public static class SiloCommandLine
{
    public const double DefaultSimulateRate = 6;

    public sealed record Parsed(SiloOptions Options, string[] HostArgs);

    public static Parsed Parse(IReadOnlyList<string> args)
    {
        var options = new SiloOptions();
        var hostArgs = new List<string> { "--urls", SiloOptions.DefaultUrls };
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 2 and var eq)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }
                return args[++i];
            }
            switch (arg)
            {
                case "--urls":
                    hostArgs[1] = Value();
                    break;
                case "--environment" or "--contentRoot" or "--applicationName":
                    // Host settings, passed on as given (the test host uses them).
                    hostArgs.AddRange([arg, Value()]);
                    break;
                case "--data":
                    options.DataDirectory = Value();
                    break;
                case "--storage":
                    string storage = Value();
                    options.Storage = Enum.TryParse<StorageKind>(storage, ignoreCase: true, out var kind) && !int.TryParse(storage, out _)
                        ? kind
                        : throw new ArgumentException($"--storage must be sqlite, redis or memory, not '{storage}'.");
                    break;
                case "--redis":
                    options.Redis = Value();
                    break;
                case "--rules":
                    options.RulesFile = Value();
                    break;
                case "--demo":
                    options.Demo = true;
                    break;
                case "--no-demo":
                    options.Demo = false;
                    break;
                case "--simulate":
                    string? rate = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                    options.SimulateRate = rate is null ? DefaultSimulateRate
                        : double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && double.IsFinite(r) && r is > 0 and <= 6000 ? r
                        : throw new ArgumentException($"--simulate takes a rate in incidents per minute between 0 and 6000, not '{rate}'.");
                    break;
                case "--silo-port":
                    string port = Value();
                    options.SiloPort = int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int p) && p <= 65535
                        ? p
                        : throw new ArgumentException($"--silo-port takes a port number from 0 to 65535 (0: any free port), not '{port}'.");
                    break;
                case "--maps":
                    options.MapsDirectory = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Options: --urls URL, --data DIR, --storage sqlite|redis|memory, --redis HOST:PORT, --rules FILE, --demo, --no-demo, --simulate [RATE], --maps DIR, --silo-port PORT.");
            }
        }
        return new Parsed(options, [.. hostArgs]);
    }
}
