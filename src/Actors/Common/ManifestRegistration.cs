namespace Cluster.Actors.Common;

/// <summary>
/// One persisted type and the stable manifest string it is stored under. Entities publish lists of these so the node
/// can register them with the serializer registry without the entity depending on it.
/// </summary>
/// <param name="Type">The CLR type of the event or snapshot.</param>
/// <param name="Manifest">The name written to the journal's <c>manifest</c> column; never changes once released.</param>
public readonly record struct ManifestRegistration(Type Type, string Manifest);
