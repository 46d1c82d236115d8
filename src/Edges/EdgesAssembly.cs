namespace Cluster.Edges;

/// <summary>Anchor type for the Edges assembly (its embedded reference.conf files, reflection).</summary>
public static class EdgesAssembly
{
}
