using Cluster.Runtime.Remoting;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Remoting.Support;

/// <summary>A started transport on loopback with its handler, recorded events and captured log.</summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private TestNode(RemotingSettings settings, TimeProvider? time, IRemotePayloadSerializer? serializer)
    {
        Transport = new RemoteTransport(settings, Handler, Log.Logger, time, serializer).Start();
        Transport.Subscribe(Events.Add);
    }

    public RecordingHandler Handler { get; } = new();
    public ObservedList<RemotingEvent> Events { get; } = new();
    public LogCapture Log { get; } = new(LogEventLevel.Debug);
    public RemoteTransport Transport { get; }
    public NodeAddress Address => Transport.LocalAddress.Address;
    public RemotingCounters Counters => Transport.Counters;

    /// <summary>Loopback settings with a free port and short timings, adjusted by <paramref name="configure"/>.</summary>
    public static RemotingSettings Settings(Func<RemotingSettings, RemotingSettings>? configure = null)
    {
        var settings = new RemotingSettings
        {
            BindHost = "127.0.0.1",
            BindPort = 0,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            HandshakeTimeout = TimeSpan.FromSeconds(3),
            ReconnectBackoffMin = TimeSpan.FromMilliseconds(20),
            ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
            ShutdownFlushTimeout = TimeSpan.FromSeconds(5),
        };
        return configure?.Invoke(settings) ?? settings;
    }

    public static TestNode Start(Func<RemotingSettings, RemotingSettings>? configure = null, TimeProvider? time = null,
        IRemotePayloadSerializer? serializer = null) => new(Settings(configure), time, serializer);

    public Task<T> WaitForEventAsync<T>(Func<T, bool> match, string expectation) where T : RemotingEvent =>
        Events.WaitForAsync(match, Deadline, expectation);

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
