using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using NetTopologySuite.IO;

namespace Command.Silo.Jurisdictions;

/// <summary>
/// Caching for answers that depend on who asks (one county's boundaries, cameras and checkpoints). They are stored
/// by the browser only as "private, no-cache": never used without asking the server first. The entity tag is a hash
/// of what decides the content, the caller's jurisdiction included, so the browser's revalidation is answered 304
/// without building the answer when the caller sees the same, and the full answer for anyone who sees something else
/// (the next user of the same browser, another county's officer). The tags are the same on every silo of a cluster
/// running the same build over the same map.
/// </summary>
public static class ScopedRevalidation
{
    private static readonly ConditionalWeakTable<JurisdictionMap, string> fingerprints = new();

    /// <summary>The build: a new release may shape the same data differently.</summary>
    private static readonly string build = typeof(ScopedRevalidation).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>Sets the caching headers and tells whether the browser's copy (If-None-Match) is current; then the
    /// answer is 304 with no body.</summary>
    public static bool IsCurrent(HttpContext http, string scope, params string?[] parts)
    {
        string tag = Tag(scope, parts);
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-cache";
        headers.ETag = tag;
        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var offered)
            && offered.Any(e => e.Equals(EntityTagHeaderValue.Any) || e.Compare(new EntityTagHeaderValue(tag), useStrongComparison: false));
    }

    /// <summary>What a scoped answer's content depends on besides the request: the map's data and this build.</summary>
    public static string Fingerprint(JurisdictionMap map) => fingerprints.GetValue(map, static m =>
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var wkb = new WKBWriter();
        foreach (var j in m.All.OrderBy(j => j.Id, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{j.Id}\n{j.Name}\n{j.Level}\n{j.ParentId}\n{j.Synthetic}\n"));
            hash.AppendData(wkb.Write(j.Boundary));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    });

    private static string Tag(string scope, string?[] parts)
    {
        var text = new StringBuilder(build).Append('\n').Append(scope);
        foreach (string? part in parts)
        {
            // Length-prefixed, so that no two different requests can spell the same text.
            text.Append('\n').Append(part?.Length ?? -1).Append(':').Append(part);
        }
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "\"" + Convert.ToBase64String(digest, 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
    }
}
