using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Static users and REST credentials on one server (coturn allows both): a username listed as a static user is
/// checked against the table, anything else against the REST secrets, so a user's rejection reason comes from the
/// scheme that applies to it.
/// </summary>
public sealed class CompositeCredentialValidator : ILongTermCredentialValidator
{
    private readonly StaticUserCredentialValidator staticUsers;
    private readonly IReadOnlySet<string> staticNames;
    private readonly ILongTermCredentialValidator rest;

    public CompositeCredentialValidator(StaticUserCredentialValidator staticUsers, IEnumerable<string> staticNames, ILongTermCredentialValidator rest)
    {
        this.staticUsers = staticUsers;
        this.staticNames = new HashSet<string>(staticNames, StringComparer.Ordinal);
        this.rest = rest;
    }

    public CredentialCheck Validate(in StunMessage request, StunPasswordAlgorithm algorithm)
    {
        if (request.HasAttribute(StunAttributeType.UserHash)
            || (LongTermIntegrity.TryGetUsername(in request, out var username) && staticNames.Contains(username)))
        {
            return staticUsers.Validate(in request, algorithm);
        }

        return rest.Validate(in request, algorithm);
    }
}
