namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Limits that bound what one message may cost (a stream peer cannot make the edge buffer without end). The
/// transport's settings class maps its configuration onto these.
/// </summary>
public sealed record SipParserOptions
{
    public static readonly SipParserOptions Default = new();

    /// <summary>Largest start line plus header block, in bytes.</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    /// <summary>Largest body, in bytes.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Most header lines in one message.</summary>
    public int MaxHeaderCount { get; init; } = 256;
}
