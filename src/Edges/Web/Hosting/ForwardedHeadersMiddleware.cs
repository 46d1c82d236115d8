using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Cluster.Edges.Web;

/// <summary>
/// Applies X-Forwarded-For / -Proto / -Host only when the TCP peer is a configured trusted proxy. Written here
/// rather than with ASP.NET's ForwardedHeadersMiddleware because that one trusts loopback by default, and this edge
/// must trust nobody unless told to.
/// </summary>
/// <remarks>
/// X-Forwarded-For is read right to left (each proxy appends the address it saw): trusted proxies are skipped and
/// the first untrusted address is the client. Proto and Host are taken from the entry matching the last hop,
/// i.e. the right-most value, as set by the proxy we trust. From an untrusted peer the headers are ignored and
/// removed so no later code reads them by mistake.
/// </remarks>
internal sealed class ForwardedHeadersMiddleware(TrustedProxyList trusted)
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";

    public void Apply(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (!trusted.Contains(context.Connection.RemoteIpAddress))
        {
            headers.Remove(ForwardedFor);
            headers.Remove(ForwardedProto);
            headers.Remove(ForwardedHost);
            return;
        }

        if (ClientAddress(headers[ForwardedFor]) is { } client)
            context.Connection.RemoteIpAddress = client;
        switch (LastValue(headers[ForwardedProto])?.ToLowerInvariant())
        {
            case "https" or "wss":
                context.Request.Scheme = "https";
                break;
            case "http" or "ws":
                context.Request.Scheme = "http";
                break;
        }
        if (LastValue(headers[ForwardedHost]) is { } host && HostString.FromUriComponent(host) is { HasValue: true } parsed
            && Uri.CheckHostName(parsed.Host) != UriHostNameType.Unknown)
            context.Request.Host = parsed;
    }

    private IPAddress? ClientAddress(StringValues values)
    {
        var entries = Split(values);
        IPAddress? client = null;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (!TryParseAddress(entries[i], out var address))
                return client; // garbage from further out cannot be believed; stop at the last good hop
            client = address;
            if (!trusted.Contains(address))
                return address;
        }
        return client;
    }

    private static string? LastValue(StringValues values)
    {
        var entries = Split(values);
        return entries.Count == 0 ? null : entries[^1];
    }

    private static List<string> Split(StringValues values)
    {
        var result = new List<string>();
        foreach (var value in values)
            if (value is not null)
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    result.Add(part);
        return result;
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        // Accept "192.0.2.1", "192.0.2.1:1234", "2001:db8::1" and "[2001:db8::1]:1234".
        if (IPAddress.TryParse(text, out address!))
            return true;
        if (IPEndPoint.TryParse(text, out var endPoint))
        {
            address = endPoint.Address;
            return true;
        }
        address = IPAddress.None;
        return false;
    }
}
