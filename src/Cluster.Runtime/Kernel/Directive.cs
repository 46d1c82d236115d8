namespace Cluster.Runtime.Kernel;

/// <summary>What a supervisor does with a failed child (Akka's Directive).</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume,
    /// <summary>Replace the instance with a fresh one; the mailbox (and any stash) survives.</summary>
    Restart,
    /// <summary>Stop the child for good.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception, handing the decision upwards.</summary>
    Escalate,
}
