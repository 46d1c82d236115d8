namespace Cluster.Runtime.Kernel;

/// <summary>A behaviour of an <see cref="UntypedActor"/>: handles everything, calls <c>Unhandled</c> itself.</summary>
public delegate void UntypedReceive(object message);
