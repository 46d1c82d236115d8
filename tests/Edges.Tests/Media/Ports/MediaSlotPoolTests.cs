using System.Net.Sockets;
using Cluster.Edges.Media;
using Cluster.Edges.Media.Ports;

namespace Cluster.Edges.Tests.Media.Ports;

public sealed class MediaSlotPoolTests
{
    [Fact]
    public void Slots_start_on_even_ports_with_rtp_even_and_rtcp_odd()
    {
        var range = new MediaPortRange(30001, 30020);
        var pool = new MediaSlotPool(range);
        Assert.Equal(4, pool.Capacity); // 30002..30017; 30018-30020 cannot hold a fifth slot
        for (var i = 0; i < pool.Capacity; i++)
        {
            Assert.True(pool.TryTake(p => (object)p, out var taken, out _));
            var ports = (MediaSlotPorts)taken!;
            Assert.Equal(30002 + i * 4, ports.BasePort);
            foreach (var leg in new[] { MediaLeg.A, MediaLeg.B })
            {
                Assert.Equal(0, ports.RtpPort(leg) % 2);
                Assert.Equal(ports.RtpPort(leg) + 1, ports.RtcpPort(leg));
                Assert.True(range.Contains(ports.RtcpPort(leg)));
            }
            Assert.Equal(ports.BasePort + 2, ports.RtpPort(MediaLeg.B));
        }
    }

    [Fact]
    public void Default_range_holds_750_calls()
    {
        Assert.Equal(750, MediaSettings.Default.SlotCount);
    }

    [Fact]
    public void Exhausted_pool_says_no_free_slot_and_released_slots_come_back_last()
    {
        var pool = new MediaSlotPool(new MediaPortRange(40000, 40007));
        Assert.True(pool.TryTake(p => (object)p, out var first, out _));
        Assert.True(pool.TryTake(p => (object)p, out _, out _));
        Assert.False(pool.TryTake(p => (object)p, out var none, out var failure));
        Assert.Null(none);
        Assert.Equal(MediaReservationFailure.NoFreeSlot, failure);
        Assert.Equal((2, 0), (pool.Used, pool.Free));

        Assert.True(pool.Return((MediaSlotPorts)first!));
        Assert.False(pool.Return((MediaSlotPorts)first!)); // twice is refused
        Assert.True(pool.TryTake(p => (object)p, out var again, out _));
        Assert.Equal(((MediaSlotPorts)first!).BasePort, ((MediaSlotPorts)again!).BasePort);
    }

    [Fact]
    public void Slot_that_cannot_bind_is_skipped_and_counted()
    {
        var pool = new MediaSlotPool(new MediaPortRange(40000, 40011));
        Assert.True(pool.TryTake(p => p.Index == 0 ? throw new SocketException((int)SocketError.AddressAlreadyInUse) : (object)p, out var taken, out _));
        Assert.Equal(1, ((MediaSlotPorts)taken!).Index);
        Assert.Equal(1, pool.BindFailures);
        Assert.Equal(2, pool.Free); // the unbindable slot stays free for later

        Assert.False(pool.TryTake<object>(_ => throw new SocketException((int)SocketError.AddressAlreadyInUse), out _, out var failure));
        Assert.Equal(MediaReservationFailure.PortsUnavailable, failure);
    }
}
