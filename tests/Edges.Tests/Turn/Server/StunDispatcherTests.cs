using Cluster.Edges.Turn;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Server;

public sealed class StunDispatcherTests
{
    private static readonly byte[] ClientAddress = [192, 0, 2, 1];

    [Fact]
    public void Dispatching_a_binding_request_allocates_nothing_once_warm()
    {
        var settings = new StunSettings();
        var dispatcher = StunDispatcher.BindingOnly(settings, new StunServerCounters());
        var request = new byte[64];
        var writer = new StunMessageWriter(request, StunMethod.Binding, StunClass.Request, new byte[12]);
        writer.AddFingerprint();
        var length = writer.Length;
        var response = new byte[512];

        dispatcher.Process(request.AsSpan(0, length), ClientAddress, 32853, StunTransport.Udp, response);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            dispatcher.Process(request.AsSpan(0, length), ClientAddress, 32853, StunTransport.Udp, response);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"1000 Binding requests allocated {allocated} bytes; expected none on the hot path.");
    }

    [Fact]
    public void Responses_and_unknown_indications_are_not_answered()
    {
        var counters = new StunServerCounters();
        var dispatcher = StunDispatcher.BindingOnly(new StunSettings(), counters);
        var response = new byte[512];
        Assert.Equal(0, dispatcher.Process(Rfc5769.SampleIpv4Response, ClientAddress, 1, StunTransport.Udp, response));
        var indication = new byte[20];
        _ = new StunMessageWriter(indication, StunMethod.Send, StunClass.Indication, new byte[12]);
        Assert.Equal(0, dispatcher.Process(indication, ClientAddress, 1, StunTransport.Udp, response));
        Assert.Equal(2, counters.DroppedUnhandled);
        Assert.Equal(0, counters.Answered);
    }

    [Fact]
    public void Two_handlers_for_one_method_are_refused()
    {
        var settings = new StunSettings();
        Assert.Throws<ArgumentException>(() => new StunDispatcher(settings, [new StunBindingHandler(""), new StunBindingHandler("")], new StunServerCounters()));
    }
}
