namespace Cluster.Runtime.Kernel;

/// <summary>A behaviour: returns false when the message was not handled (Akka's <c>Receive</c> delegate).</summary>
public delegate bool Receive(object message);
