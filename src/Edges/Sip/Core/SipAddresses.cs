using Cluster.Actors.Common;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// Conversions between SIP URIs and user addresses. A SIP URI is not an address (docs/domain/users.md): the address
/// of record is <c>user@host</c> of a sip/sips URI, with port, parameters and headers stripped (RFC 3261 §10.3 step 5).
/// </summary>
public static class SipAddresses
{
    /// <summary>The address of record named by <paramref name="uri"/>; false with a reason for tel:, user-less or malformed URIs.</summary>
    public static bool TryGetAddress(SipUri? uri, out UserAddress address, out string reason)
    {
        address = default;
        if (uri is null || !uri.IsSip)
        {
            reason = $"'{uri}' is not a sip or sips URI";
            return false;
        }

        if (string.IsNullOrEmpty(uri.User) || string.IsNullOrEmpty(uri.Host))
        {
            reason = $"'{uri}' names no user";
            return false;
        }

        if (!UserAddress.TryParse($"{uri.User}@{uri.Host}", out address, out var error))
        {
            reason = $"'{uri}' is not a user address: {error}";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The sip URI of an address, as used in From/To of requests the edge sends.</summary>
    public static string ToSipUri(UserAddress address) => $"sip:{address.User}@{address.Domain}";
}
