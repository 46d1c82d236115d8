using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>A party as the call record shows it: the SIP URI, the display name and the local user, if it is one.</summary>
public sealed record CallParty(string Uri, string? DisplayName = null, UserAddress? User = null)
{
    public override string ToString() => DisplayName is null ? Uri : $"\"{DisplayName}\" <{Uri}>";
}
