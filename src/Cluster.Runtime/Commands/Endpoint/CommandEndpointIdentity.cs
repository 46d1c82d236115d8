namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// What the endpoint tells a shell about the node in the handshake; the shell shows <see cref="NodeName"/> in its
/// prompt so an operator always sees which node a command goes to.
/// </summary>
/// <param name="NodeName">Short node name (<c>node1</c>).</param>
/// <param name="Address">The node's cluster address, for display.</param>
/// <param name="Version">Server version, for display and support.</param>
public sealed record CommandEndpointIdentity(string NodeName, string Address, string Version);
