using Cluster.Edges.Media;
using Cluster.Edges.Media.Ports;

namespace Cluster.Edges.Tests.Media.Ports;

public sealed class EphemeralPortCheckTests
{
    private static MediaPortRange Parse(string text)
    {
        Assert.True(MediaPortRange.TryParse(text, out var range, out var error), error);
        return range;
    }

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("  1024 65535 ", 1024, 65535)]
    [InlineData("30000-33000", 30000, 33000)]
    public void Proc_and_dash_forms_parse(string text, int min, int max) => Assert.Equal(new MediaPortRange(min, max), Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("0 100")]
    [InlineData("a b")]
    [InlineData("1 2 3")]
    public void Bad_ranges_are_reported(string text) => Assert.False(MediaPortRange.TryParse(text, out _, out _));

    [Fact]
    public void Overlapping_range_is_refused_with_the_fix()
    {
        var error = Assert.Throws<MediaConfigurationException>(() =>
            EphemeralPortCheck.EnsureNoOverlap(new MediaPortRange(30000, 33000), Parse("32768\t60999"), []));
        Assert.Contains("uc.media.port-range 30000-33000", error.Message);
        Assert.Contains("32768-33000", error.Message);
        Assert.Contains("net.ipv4.ip_local_port_range", error.Message);
        Assert.Contains("sysctl -w net.ipv4.ip_local_port_range=\"33001 60999\"", error.Message);
        Assert.Contains("min = 29767, max = 32767", error.Message);
        Assert.Contains("net.ipv4.ip_local_reserved_ports=30000-33000", error.Message);
    }

    [Fact]
    public void Disjoint_or_reserved_ranges_pass()
    {
        EphemeralPortCheck.EnsureNoOverlap(new MediaPortRange(30000, 32767), Parse("32768 60999"), []);
        EphemeralPortCheck.EnsureNoOverlap(new MediaPortRange(30000, 33000), Parse("32768 60999"), EphemeralPortCheck.ParseReservedPorts("30000-33000\n"));
    }

    [Fact]
    public void Partly_reserved_overlap_reports_only_the_unreserved_ports()
    {
        var conflicts = EphemeralPortCheck.FindConflicts(new MediaPortRange(30000, 33000), Parse("32768 60999"),
            EphemeralPortCheck.ParseReservedPorts("32768-32800,32900"));
        Assert.Equal([new MediaPortRange(32801, 32899), new MediaPortRange(32901, 33000)], conflicts);
    }

    [Fact]
    public void The_kernels_value_is_read_from_proc()
    {
        if (!File.Exists(EphemeralPortCheck.EphemeralRangePath))
            return; // not Linux: the check is a no-op there, nothing to read
        var parts = File.ReadAllText(EphemeralPortCheck.EphemeralRangePath).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new MediaPortRange(int.Parse(parts[0]), int.Parse(parts[1])), EphemeralPortCheck.ReadEphemeralRange());

        var media = MediaSettings.Default.PortRange;
        var expectConflict = EphemeralPortCheck.FindConflicts(media, EphemeralPortCheck.ReadEphemeralRange()!.Value, EphemeralPortCheck.ReadReservedPorts()).Count > 0;
        var thrown = Record.Exception(() => EphemeralPortCheck.EnsureNoOverlapWithSystem(media));
        Assert.Equal(expectConflict, thrown is MediaConfigurationException);
    }

    [Fact]
    public void Corrupt_proc_value_fails_loudly()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "garbage\n");
            var error = Assert.Throws<InvalidOperationException>(() => EphemeralPortCheck.ReadEphemeralRange(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
