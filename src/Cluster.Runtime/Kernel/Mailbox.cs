namespace Cluster.Runtime.Kernel;

/// <summary>
/// The queue in front of one actor and the unit of scheduling.
/// <list type="bullet">
/// <item>User messages: Vyukov's intrusive multi-producer single-consumer linked queue. Producers do one
/// <c>Interlocked.Exchange</c>; order per sender is the order of its Tells.</item>
/// <item>System messages: a lock-free stack (reversed when drained) processed before, and between, user messages.</item>
/// <item>A consumer-only front stack for messages put back at the head (Unstash), no locking needed.</item>
/// <item>Scheduling: the mailbox is itself an <see cref="IThreadPoolWorkItem"/>; it is queued on the .NET thread
/// pool only on the transition idle -> scheduled, and each run drains at most <c>throughput</c> user messages.</item>
/// </list>
/// Suspension (failure, restart, awaiting an async handler) is consumer-side state of the cell: producers do not
/// look at it, so the hot path is one exchange, one volatile write and one compare-exchange.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Closed = 2;

    /// <summary>Sentinel top of the system stack once the mailbox is closed.</summary>
    private static readonly SystemMessage ClosedSentinel = new Terminate();

    private readonly ActorCell cell;
    private readonly int throughput;
    private MessageNode head;            // producers' end
    private MessageNode tail;            // consumer's end (the stub)
    private SystemMessage? systemHead;   // LIFO of pending system messages
    private int status;
    private Stack<Envelope>? front;      // consumer-only: messages re-enqueued at the head

    public Mailbox(ActorCell cell, int throughput)
    {
        this.cell = cell;
        this.throughput = throughput;
        head = tail = new MessageNode(null, null);
    }

    public bool IsClosed => (Volatile.Read(ref status) & Closed) != 0;

    /// <summary>Enqueues a user message; after close it goes to dead letters instead.</summary>
    public void Post(object message, IActorRef? sender)
    {
        var node = new MessageNode(message, sender);
        var prev = Interlocked.Exchange(ref head, node);
        Volatile.Write(ref prev.Next, node);
        // The compare-exchange is the full fence that pairs with the consumer clearing Scheduled and then
        // re-checking the queue: one of the two sides always sees the other's write.
        var s = Interlocked.CompareExchange(ref status, Scheduled, Idle);
        if (s == Idle) Dispatch();
        else if ((s & Closed) != 0) DrainAfterClose();
    }

    /// <summary>Puts messages back at the head of the mailbox, first element first. Consumer thread only.</summary>
    public void EnqueueFirst(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        front ??= new Stack<Envelope>(envelopes.Count);
        for (var i = envelopes.Count - 1; i >= 0; i--) front.Push(envelopes[i]);
    }

    public void PostSystem(SystemMessage message)
    {
        while (true)
        {
            var top = Volatile.Read(ref systemHead);
            if (ReferenceEquals(top, ClosedSentinel))
            {
                cell.SystemMessageAfterClose(message);
                return;
            }
            message.Next = top;
            if (ReferenceEquals(Interlocked.CompareExchange(ref systemHead, message, top), top)) break;
        }
        if (Interlocked.CompareExchange(ref status, Scheduled, Idle) == Idle) Dispatch();
    }

    private void Dispatch() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            if (!IsClosed)
            {
                ProcessSystemMessages();
                ProcessUserMessages();
            }
        }
        catch (Exception e)
        {
            // The cell catches actor exceptions; anything here is a runtime bug. Never take the process down.
            cell.LogInternalError(e);
        }
        finally
        {
            Interlocked.And(ref status, ~Scheduled);
            if (HasWork() && Interlocked.CompareExchange(ref status, Scheduled, Idle) == Idle) Dispatch();
        }
    }

    private bool HasWork()
    {
        if (IsClosed) return false;
        var top = Volatile.Read(ref systemHead);
        if (top is not null && !ReferenceEquals(top, ClosedSentinel)) return true;
        return cell.CanProcessUserMessages && (front is { Count: > 0 } || Volatile.Read(ref tail.Next) is not null);
    }

    /// <summary>Runs all pending system messages in the order they were sent.</summary>
    public void ProcessSystemMessages()
    {
        while (true)
        {
            var top = Volatile.Read(ref systemHead);
            if (top is null || ReferenceEquals(top, ClosedSentinel)) return;
            if (!ReferenceEquals(Interlocked.CompareExchange(ref systemHead, null, top), top)) continue;
            SystemMessage? reversed = null;
            while (top is not null)
            {
                var next = top.Next;
                top.Next = reversed;
                reversed = top;
                top = next;
            }
            while (reversed is not null)
            {
                var m = reversed;
                reversed = m.Next;
                m.Next = null;
                if (IsClosed) cell.SystemMessageAfterClose(m);
                else cell.SystemInvoke(m);
            }
        }
    }

    private void ProcessUserMessages()
    {
        var left = throughput;
        while (left-- > 0 && cell.CanProcessUserMessages)
        {
            if (front is { Count: > 0 })
            {
                var e = front.Pop();
                cell.Invoke(e.Message, e.Sender);
            }
            else
            {
                var next = Volatile.Read(ref tail.Next);
                if (next is null) return;
                tail = next;
                var message = next.Message!;
                var sender = next.Sender;
                next.Message = null;
                next.Sender = null;
                cell.Invoke(message, sender);
            }
            if (Volatile.Read(ref systemHead) is not null) ProcessSystemMessages();
        }
    }

    /// <summary>
    /// Closes the mailbox for good (consumer thread, during termination): pending and later system messages are
    /// answered as for a dead actor, pending and later user messages become dead letters.
    /// </summary>
    public void Close()
    {
        Interlocked.Or(ref status, Closed);
        var pending = Interlocked.Exchange(ref systemHead, ClosedSentinel);
        SystemMessage? reversed = null;
        while (pending is not null)
        {
            var next = pending.Next;
            pending.Next = reversed;
            reversed = pending;
            pending = next;
        }
        while (reversed is not null)
        {
            var m = reversed;
            reversed = m.Next;
            m.Next = null;
            cell.SystemMessageAfterClose(m);
        }
        if (front is not null)
        {
            while (front.TryPop(out var e)) cell.DeadLetter(e.Message, e.Sender);
            front = null;
        }
        DrainAfterClose();
    }

    /// <summary>
    /// Moves queued user messages to dead letters. Runs under a lock because, once closed, both the closing
    /// consumer and late producers (who saw Closed after linking their node) may drain.
    /// </summary>
    private void DrainAfterClose()
    {
        lock (this)
        {
            while (true)
            {
                var next = Volatile.Read(ref tail.Next);
                if (next is null) return;
                tail = next;
                var message = next.Message!;
                var sender = next.Sender;
                next.Message = null;
                next.Sender = null;
                cell.DeadLetter(message, sender);
            }
        }
    }
}
