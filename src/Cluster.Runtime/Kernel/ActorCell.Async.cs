using System.Runtime.ExceptionServices;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Async handlers: while the task of a handler is running the mailbox holds back user messages (system messages
/// still flow), and await continuations run inside the mailbox through <see cref="ActorSynchronizationContext"/>.
/// Persistence uses the same mechanism to wait for a journal write.
/// </summary>
internal sealed partial class ActorCell
{
    /// <summary>Runs <paramref name="action"/> inside the actor; the next user message waits for its task.</summary>
    internal void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        RunTask(static s => ((Func<Task>)s!)(), action);
    }

    internal void RunTask(Func<object?, Task> action, object? state)
    {
        if (actor is null || current != this)
            throw new InvalidOperationException("RunTask can only be called from inside the actor while it processes a message.");
        var ex = Extras;
        var context = ex.SyncContext ??= new ActorSynchronizationContext(this, incarnation);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = action(state) ?? Task.CompletedTask;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();   // rethrows a synchronous failure into the normal supervision path
            return;
        }
        ex.PendingTasks++;
        flags |= CellFlags.Awaiting;
        var inc = incarnation;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => mailbox.PostSystem(new AsyncTaskCompleted(task, inc)));
    }

    /// <summary>
    /// The context that posts callbacks into this incarnation's mailbox (as system messages, so they also run while
    /// user messages are held back). Persistence completes journal writes through it. Mailbox thread only.
    /// </summary>
    internal SynchronizationContext MailboxSynchronizationContext
    {
        get
        {
            if (actor is null) throw new InvalidOperationException("The actor is not running.");
            var ex = Extras;
            return ex.SyncContext ??= new ActorSynchronizationContext(this, incarnation);
        }
    }

    private void HandleAsyncTaskCompleted(AsyncTaskCompleted completed)
    {
        if (completed.Incarnation != incarnation || actor is null) return;
        var ex = Extras;
        if (ex.PendingTasks > 0) ex.PendingTasks--;
        if (ex.PendingTasks == 0) flags &= ~CellFlags.Awaiting;
        if (completed.Task.IsFaulted || completed.Task.IsCanceled)
        {
            Exception failure;
            try
            {
                completed.Task.GetAwaiter().GetResult();
                failure = new InvalidOperationException("Task reported failure without an exception.");
            }
            catch (Exception e)
            {
                failure = e;
            }
            HandleInvokeFailure(failure);
        }
        if ((flags & CellFlags.Awaiting) == 0)
        {
            currentMessage = null;
            currentSender = null;
        }
    }

    private void HandleRunContinuation(RunContinuation continuation)
    {
        var ex = extras;
        if (continuation.Incarnation != incarnation || actor is null || ex?.SyncContext is not { } context) return;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception e)
        {
            // Continuations of async methods capture their own exceptions; anything else is a handler bug.
            ExceptionDispatchInfo.Capture(e).Throw();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
