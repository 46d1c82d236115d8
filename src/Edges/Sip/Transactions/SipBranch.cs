using System.Security.Cryptography;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// Via branch values (RFC 3261 §8.1.1.7): the magic cookie <c>z9hG4bK</c> followed by 96 random bits, so branches
/// are unique across space and time and other elements can match on them (§17.2.3).
/// </summary>
public static class SipBranch
{
    /// <summary>A new branch, e.g. <c>z9hG4bK3f2a...</c>.</summary>
    public static string New()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return SipVia.MagicCookie + Convert.ToHexStringLower(random);
    }
}
