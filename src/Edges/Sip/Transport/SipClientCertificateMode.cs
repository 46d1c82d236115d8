namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// Whether the TLS listener asks for a client certificate. Federation partners authenticate with one (mutual TLS),
/// phones usually do not, so the default is <see cref="Optional"/>: asked for, exposed to the upper layer, not required.
/// </summary>
public enum SipClientCertificateMode : byte
{
    /// <summary>Do not ask for a client certificate.</summary>
    None,

    /// <summary>Ask; accept the connection with or without one (the upper layer decides what a certificate means).</summary>
    Optional,

    /// <summary>Ask and refuse the handshake without one.</summary>
    Required,
}
