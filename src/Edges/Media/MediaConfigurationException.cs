namespace Cluster.Edges.Media;

/// <summary>
/// The media edge cannot start with the configuration it was given (a port range that collides with the kernel,
/// an address that cannot be used). The message says which key to change; the node stops rather than fail calls.
/// </summary>
public sealed class MediaConfigurationException(string message) : Exception(message);
