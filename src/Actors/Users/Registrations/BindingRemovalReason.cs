namespace Cluster.Actors.Users;

/// <summary>Why a binding went away; lets operators tell an unregister from an expiry in the journal.</summary>
public enum BindingRemovalReason
{
    /// <summary>REGISTER with expires 0 for this contact.</summary>
    Unregistered,

    /// <summary>REGISTER with <c>Contact: *</c> and <c>Expires: 0</c> (RFC 3261 §10.3 step 6).</summary>
    Wildcard,

    /// <summary>Its expiry passed without a refresh.</summary>
    Expired,

    /// <summary>The user was disabled or removed.</summary>
    Deactivated,
}
