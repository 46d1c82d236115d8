namespace Cluster.Edges.Sip.Messaging;

/// <summary>Limits of the RFC 3428 MESSAGE handler (<c>uc.sip.messaging.*</c>).</summary>
public sealed record SipMessagingSettings
{
    public static readonly SipMessagingSettings Default = new();

    /// <summary>Largest MESSAGE body in bytes (<c>uc.sip.messaging.max-body-size</c>); larger gets 413.</summary>
    public int MaxBodySize { get; init; } = 64 * 1024;

    /// <summary>Rejects inconsistent values naming the HOCON key.</summary>
    public SipMessagingSettings Validate()
    {
        if (MaxBodySize < 1) throw new ArgumentException($"uc.sip.messaging.max-body-size must be at least 1 byte (is {MaxBodySize})");
        return this;
    }
}
