using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Command.Silo.Access;

/// <summary>
/// <see cref="AccessOptions.TrustedProxies"/> as ASP.NET Core's forwarded-headers middleware takes it. The framework's
/// own defaults (loopback) are dropped; with no proxy configured the middleware reads no header at all, since with
/// empty lists it would believe anyone.
/// </summary>
public static class TrustedProxies
{
    public static void Apply(ForwardedHeadersOptions options, IReadOnlyList<string> entries)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Right to left through X-Forwarded-For, as long as the hop that added the entry is one of ours: a chain of our
        // proxies is followed to the client, and whatever the client wrote itself further left is never reached.
        options.ForwardLimit = null;
        options.ForwardedHeaders = entries.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (string entry in entries)
        {
            if (TryParse(entry, out var address, out var network))
            {
                if (address is not null)
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        }
    }

    /// <summary>The entries that are neither an address nor a network.</summary>
    public static IEnumerable<string> Invalid(IEnumerable<string> entries) => entries.Where(e => !TryParse(e, out _, out _));

    private static bool TryParse(string entry, out IPAddress? address, out System.Net.IPNetwork network)
    {
        address = null;
        network = default;
        string text = entry.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0
            ? Written(text[..slash]) && System.Net.IPNetwork.TryParse(text, out network)
            : Written(text) && IPAddress.TryParse(text, out address);
    }

    /// <summary>IPAddress also reads "10" as 0.0.0.10; a proxy's address is written out in full.</summary>
    private static bool Written(string address) => address.Contains(':', StringComparison.Ordinal) || address.Count(c => c == '.') == 3;
}
