using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Command.Tests.Security.HostileInput;

/// <summary>How a request body is delimited on the wire.</summary>
public enum Framing
{
    ContentLength,
    Chunked,

    /// <summary>Neither Content-Length nor Transfer-Encoding: the bytes simply follow the head.</summary>
    None,

    /// <summary>Content-Length with Expect: 100-continue; the body is sent only if the server asks for it.</summary>
    ExpectContinue,
}

public sealed record RawRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body,
    Framing Framing = Framing.ContentLength, string Version = "HTTP/1.1");

public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> All(string name) => Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// HTTP/1.1 over a bare socket, one connection per request. HttpClient would normalise what a hostile client sends on
/// purpose (dot segments and escapes in the path, framing, header values), so the corpus writes its bytes itself. The
/// head is UTF-8 exactly as given; every request says Connection: close, and the answer is read to the end. The server
/// may answer and close before a large body is sent; what it answered is still read.
/// </summary>
public sealed class RawHttp(int port)
{
    private const int ChunkSize = 64 * 1024;

    public async Task<RawResponse> SendAsync(RawRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
            var stream = client.GetStream();
            var reading = ReadToEndAsync(stream, deadline.Token);
            try
            {
                await WriteAsync(stream, request, reading, deadline.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // The server refused the request before its body was sent (413, 401 ...) and closed the connection.
            }
            return Parse(await reading);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete answer to {request.Method} {Shorten(request.Target)} within {timeout.TotalSeconds:0} s.");
        }
    }

    private async Task WriteAsync(NetworkStream stream, RawRequest request, Task<byte[]> reading, CancellationToken cancel)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(request.Target).Append(' ').Append(request.Version).Append("\r\n");
        head.Append("Host: 127.0.0.1:").Append(port).Append("\r\n");
        head.Append("Connection: close\r\n");
        var body = request.Body;
        if (body is not null)
        {
            switch (request.Framing)
            {
                case Framing.ContentLength:
                    head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
                    break;
                case Framing.ExpectContinue:
                    head.Append("Content-Length: ").Append(body.Length).Append("\r\nExpect: 100-continue\r\n");
                    break;
                case Framing.Chunked:
                    head.Append("Transfer-Encoding: chunked\r\n");
                    break;
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), cancel);
        if (body is null)
        {
            return;
        }
        if (request.Framing == Framing.ExpectContinue)
        {
            // A server that refuses on the head answers at once; one that wants the body says 100 Continue and waits.
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(3), cancel));
            if (reading.IsCompleted)
            {
                return;
            }
        }
        bool chunked = request.Framing == Framing.Chunked;
        for (int offset = 0; offset < body.Length; offset += ChunkSize)
        {
            if (reading.IsCompleted)
            {
                return;
            }
            var slice = body.AsMemory(offset, Math.Min(ChunkSize, body.Length - offset));
            if (chunked)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{slice.Length:x}\r\n"), cancel);
            }
            await stream.WriteAsync(slice, cancel);
            if (chunked)
            {
                await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
            }
        }
        if (chunked)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel);
        }
    }

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancel)
    {
        using var received = new MemoryStream();
        var buffer = new byte[ChunkSize];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (the server closing on an unread body) leaves the answer intact.
        }
        return received.ToArray();
    }

    private static RawResponse Parse(byte[] bytes)
    {
        int offset = 0;
        while (true)
        {
            int end = IndexOf(bytes, "\r\n\r\n"u8, offset);
            if (end < 0)
            {
                throw new InvalidDataException($"The server closed the connection without a complete answer ({bytes.Length} bytes: {Shorten(Encoding.UTF8.GetString(bytes))}).");
            }
            var lines = Encoding.UTF8.GetString(bytes, offset, end - offset).Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            int status = int.Parse(statusParts[1], System.Globalization.CultureInfo.InvariantCulture);
            offset = end + 4;
            if (status == 100)
            {
                continue;
            }
            var headers = lines.Skip(1).Select(line => line.Split(':', 2))
                .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : "")).ToList();
            var rest = bytes.AsSpan(offset);
            byte[] body = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                ? Dechunk(rest)
                : headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value is { } length
                    ? rest[..Math.Min(rest.Length, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))].ToArray()
                    : rest.ToArray();
            return new RawResponse(status, headers, body);
        }
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> data)
    {
        using var body = new MemoryStream();
        int offset = 0;
        while (offset < data.Length)
        {
            int lineEnd = data[offset..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }
            string sizeText = Encoding.ASCII.GetString(data.Slice(offset, lineEnd)).Split(';')[0].Trim();
            int size = Convert.ToInt32(sizeText, 16);
            offset += lineEnd + 2;
            if (size == 0)
            {
                break;
            }
            body.Write(data.Slice(offset, Math.Min(size, data.Length - offset)));
            offset += size + 2;
        }
        return body.ToArray();
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> pattern, int start)
    {
        int found = bytes.AsSpan(start).IndexOf(pattern);
        return found < 0 ? -1 : start + found;
    }

    internal static string Shorten(string text) => text.Length <= 160 ? text : $"{text[..160]}… ({text.Length} chars)";
}
