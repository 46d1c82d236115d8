using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>Directory data of the user, as an operator or directory sync maintains it.</summary>
/// <param name="Address">The user's address and entity id.</param>
/// <param name="DisplayName">Name shown to others.</param>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers in E.164 or dialable form, in the order to show them.</param>
/// <param name="Department">Department, if any.</param>
/// <param name="Disabled">A disabled user cannot log in or register and appears offline.</param>
/// <param name="CreatedAt">When the user was created.</param>
public sealed record UserProfile(
    UserAddress Address,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    string? Department,
    bool Disabled,
    DateTimeOffset CreatedAt)
{
    public static UserProfile EmptyFor(UserAddress address) => new(address, string.Empty, null, [], null, false, DateTimeOffset.MinValue);
}
