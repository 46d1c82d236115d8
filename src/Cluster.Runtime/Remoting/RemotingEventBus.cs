using System.Threading.Channels;
using Serilog;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Delivers <see cref="RemotingEvent"/>s to subscribers in publication order on one background task, so that a slow
/// or throwing subscriber can neither stall a socket loop nor reorder events. Unbounded because events are rare
/// (connection changes and reachability flips, not messages).
/// </summary>
internal sealed class RemotingEventBus : IObservable<RemotingEvent>
{
    private readonly Channel<RemotingEvent> _events = Channel.CreateUnbounded<RemotingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _log;
    private readonly Task _dispatcher;
    private volatile IObserver<RemotingEvent>[] _observers = [];
    private readonly object _gate = new();

    public RemotingEventBus(ILogger log)
    {
        _log = log;
        _dispatcher = Task.Run(DispatchAsync);
    }

    public void Publish(RemotingEvent evt) => _events.Writer.TryWrite(evt);

    public IDisposable Subscribe(IObserver<RemotingEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate) _observers = [.. _observers, observer];
        return new Subscription(this, observer);
    }

    /// <summary>Stops after delivering what was published so far.</summary>
    public async Task CompleteAsync()
    {
        _events.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(false);
        foreach (var observer in _observers)
        {
            try { observer.OnCompleted(); }
            catch (Exception ex) { _log.Warning(ex, "Remoting event subscriber failed on completion"); }
        }
    }

    private async Task DispatchAsync()
    {
        await foreach (var evt in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var observer in _observers)
            {
                try { observer.OnNext(evt); }
                catch (Exception ex) { _log.Warning(ex, "Remoting event subscriber failed on {Event}", evt); }
            }
        }
    }

    private void Unsubscribe(IObserver<RemotingEvent> observer)
    {
        lock (_gate) _observers = _observers.Where(o => !ReferenceEquals(o, observer)).ToArray();
    }

    private sealed class Subscription(RemotingEventBus bus, IObserver<RemotingEvent> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Unsubscribe(observer);
        }
    }
}
