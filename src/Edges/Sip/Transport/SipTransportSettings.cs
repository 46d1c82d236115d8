using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// Settings of the SIP transports and transaction layer (<c>uc.sip.*</c> in <c>src/Edges/Sip/reference.conf</c>).
/// Every bound here limits what peers can make the edge hold in memory: connections, queued datagrams and messages,
/// message size, transactions.
/// </summary>
public sealed record SipTransportSettings
{
    public static readonly SipTransportSettings Default = new();

    /// <summary>UDP listen addresses (<c>uc.sip.udp.listen</c>); empty = no UDP.</summary>
    public IReadOnlyList<IPEndPoint> UdpListen { get; init; } = [new(IPAddress.Any, 5060)];

    /// <summary>TCP listen addresses (<c>uc.sip.tcp.listen</c>); empty = no TCP listener (outbound TCP still works).</summary>
    public IReadOnlyList<IPEndPoint> TcpListen { get; init; } = [new(IPAddress.Any, 5060)];

    /// <summary>TLS listen addresses (<c>uc.sip.tls.listen</c>); empty = no TLS listener.</summary>
    public IReadOnlyList<IPEndPoint> TlsListen { get; init; } = [new(IPAddress.Any, 5061)];

    /// <summary>Host written in Via sent-by (<c>uc.sip.advertised-host</c>); null = the bound address (host name when bound to any).</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>PKCS#12 (.pfx) or PEM file with the server certificate and key (<c>uc.sip.tls.certificate</c>).</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>Password of the PKCS#12 file (<c>uc.sip.tls.certificate-password</c>).</summary>
    public string? TlsCertificatePassword { get; init; }

    /// <summary>A certificate given in code (tests, or a node that loads it from a secret store); wins over the path.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>Client certificate policy of the TLS listener (<c>uc.sip.tls.client-certificate</c>).</summary>
    public SipClientCertificateMode ClientCertificateMode { get; init; } = SipClientCertificateMode.Optional;

    /// <summary>Protocols for both directions (<c>uc.sip.tls.protocols</c>): TLS 1.2 and 1.3.</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Check the server certificate of outbound TLS connections (<c>uc.sip.tls.verify-server</c>).</summary>
    public bool TlsVerifyServer { get; init; } = true;

    /// <summary>Extra trust anchors for outbound TLS (<c>uc.sip.tls.ca-file</c>); when set, chains must end in one of them.</summary>
    public X509Certificate2Collection? TlsTrustedRoots { get; init; }

    /// <summary>Certificate presented on outbound TLS (mutual TLS to federation partners), optional.</summary>
    public X509Certificate2? TlsClientCertificate { get; init; }

    /// <summary>Most TCP+TLS connections, inbound and outbound together (<c>uc.sip.max-connections</c>).</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Close a connection with no traffic for this long (<c>uc.sip.idle-timeout</c>); zero = never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Give up a TCP connect, a TLS handshake or one stuck write after this long (<c>uc.sip.connect-timeout</c>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Datagrams waiting to be parsed per UDP socket (<c>uc.sip.udp.queue-size</c>); more are dropped and counted.</summary>
    public int UdpQueueSize { get; init; } = 4096;

    /// <summary>Parsed messages waiting for the transaction layer (<c>uc.sip.inbound-queue-size</c>).</summary>
    public int InboundQueueSize { get; init; } = 8192;

    /// <summary>Largest message (headers + body) in bytes (<c>uc.sip.max-message-size</c>).</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Largest header block in bytes (<c>uc.sip.max-header-size</c>).</summary>
    public int MaxHeaderSize { get; init; } = 16 * 1024;

    /// <summary>Transaction table bound (<c>uc.sip.max-transactions</c>).</summary>
    public int MaxTransactions { get; init; } = 100_000;

    /// <summary>T1/T2/T4 (<c>uc.sip.timers</c>).</summary>
    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>
    /// Base64 key (32+ bytes) for flow-token HMACs (<c>uc.sip.flow-token-key</c>); null = random per process, which
    /// is enough because flows do not outlive the process that holds their connections.
    /// </summary>
    public string? FlowTokenKey { get; init; }

    /// <summary>Parser limits derived from the size settings.</summary>
    public SipParserOptions ParserOptions => new() { MaxHeaderBytes = MaxHeaderSize, MaxBodyBytes = Math.Max(0, MaxMessageSize - MaxHeaderSize) };

    /// <summary>Rejects inconsistent values with the HOCON key in the message.</summary>
    public SipTransportSettings Validate()
    {
        if (MaxConnections < 1) throw new ArgumentException($"uc.sip.max-connections must be at least 1 (is {MaxConnections})");
        if (IdleTimeout < TimeSpan.Zero) throw new ArgumentException($"uc.sip.idle-timeout must not be negative (is {IdleTimeout})");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException($"uc.sip.connect-timeout must be positive (is {ConnectTimeout})");
        if (UdpQueueSize < 1) throw new ArgumentException($"uc.sip.udp.queue-size must be at least 1 (is {UdpQueueSize})");
        if (InboundQueueSize < 1) throw new ArgumentException($"uc.sip.inbound-queue-size must be at least 1 (is {InboundQueueSize})");
        if (MaxHeaderSize < 512) throw new ArgumentException($"uc.sip.max-header-size must be at least 512 bytes (is {MaxHeaderSize})");
        if (MaxMessageSize < MaxHeaderSize) throw new ArgumentException($"uc.sip.max-message-size ({MaxMessageSize}) must be at least uc.sip.max-header-size ({MaxHeaderSize})");
        if (MaxTransactions < 1) throw new ArgumentException($"uc.sip.max-transactions must be at least 1 (is {MaxTransactions})");
        if (TlsListen.Count > 0 && TlsCertificate is null && string.IsNullOrEmpty(TlsCertificatePath))
            throw new ArgumentException("uc.sip.tls.listen is set but uc.sip.tls.certificate is empty: a TLS listener needs a certificate");
        if (FlowTokenKey is { } key)
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(key); }
            catch (FormatException) { throw new ArgumentException("uc.sip.flow-token-key is not valid base64"); }
            if (bytes.Length < 32) throw new ArgumentException($"uc.sip.flow-token-key must decode to at least 32 bytes (is {bytes.Length})");
        }
        Timers.Validate();
        return this;
    }

    /// <summary>The server certificate from <see cref="TlsCertificate"/> or the file; throws with the path when it cannot be loaded.</summary>
    public X509Certificate2 LoadServerCertificate()
    {
        if (TlsCertificate is { } given) return given;
        if (string.IsNullOrEmpty(TlsCertificatePath)) throw new InvalidOperationException("uc.sip.tls.certificate is not set");
        try
        {
            if (TlsCertificatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase))
                return X509Certificate2.CreateFromPemFile(TlsCertificatePath);
            return X509CertificateLoader.LoadPkcs12FromFile(TlsCertificatePath, TlsCertificatePassword);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new InvalidOperationException($"uc.sip.tls.certificate '{TlsCertificatePath}' could not be loaded: {ex.Message}", ex);
        }
    }
}
