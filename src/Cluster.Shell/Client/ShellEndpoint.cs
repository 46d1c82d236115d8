using System.Globalization;

namespace Cluster.Shell.Client;

/// <summary>Where the shell connects: <c>HOST:PORT</c> or <c>[IPv6]:PORT</c>; 127.0.0.1:9110 by default.</summary>
internal sealed record ShellEndpoint(string Host, int Port)
{
    public static readonly ShellEndpoint Default = new("127.0.0.1", 9110);

    public static bool TryParse(string text, out ShellEndpoint endpoint)
    {
        endpoint = Default;
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
                return false;
            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.IndexOf(':');
            if (colon <= 0 || colon != text.LastIndexOf(':'))
                return false;
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        if (host.Length == 0 || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            return false;
        endpoint = new ShellEndpoint(host, number);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
