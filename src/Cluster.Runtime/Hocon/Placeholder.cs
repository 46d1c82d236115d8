namespace Cluster.Runtime.Hocon;

internal static class Placeholder { }
