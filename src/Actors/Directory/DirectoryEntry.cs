using Cluster.Actors.Common;

namespace Cluster.Actors.Directory;

/// <summary>
/// One user as the company directory shows it: the fields people search by (name, address, e-mail, numbers) and the
/// department. Built from the user's profile events only, so a search never has to ask a user entity.
/// </summary>
/// <param name="Address">The user's address (entity id).</param>
/// <param name="DisplayName">Name shown in search results.</param>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers as entered (E.164 or dialable).</param>
/// <param name="Department">Department, if any.</param>
/// <param name="Disabled">Disabled users are left out of searches unless asked for.</param>
public sealed record DirectoryEntry(
    UserAddress Address,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    string? Department,
    bool Disabled);
