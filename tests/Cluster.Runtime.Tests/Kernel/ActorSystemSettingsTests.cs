using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class ActorSystemSettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_use_the_global_Serilog_logger()
    {
        var settings = ActorSystemSettings.Default;
        settings.Validate();
        Assert.Equal(30, settings.Throughput);
        Assert.Same(Serilog.Log.Logger, settings.Logger);
        Assert.Same(TimeProvider.System, settings.TimeProvider);
    }

    [Theory]
    [InlineData(nameof(ActorSystemSettings.Throughput))]
    [InlineData(nameof(ActorSystemSettings.AskTimeout))]
    [InlineData(nameof(ActorSystemSettings.DeadLetterLogCount))]
    [InlineData(nameof(ActorSystemSettings.DeadLetterLogSuppressionInterval))]
    [InlineData(nameof(ActorSystemSettings.ShutdownDefaultPhaseTimeout))]
    public void Invalid_values_are_rejected_naming_the_setting(string name)
    {
        var settings = name switch
        {
            nameof(ActorSystemSettings.Throughput) => ActorSystemSettings.Default with { Throughput = 0 },
            nameof(ActorSystemSettings.AskTimeout) => ActorSystemSettings.Default with { AskTimeout = TimeSpan.Zero },
            nameof(ActorSystemSettings.DeadLetterLogCount) => ActorSystemSettings.Default with { DeadLetterLogCount = -1 },
            nameof(ActorSystemSettings.DeadLetterLogSuppressionInterval) => ActorSystemSettings.Default with { DeadLetterLogSuppressionInterval = TimeSpan.Zero },
            _ => ActorSystemSettings.Default with { ShutdownDefaultPhaseTimeout = TimeSpan.FromSeconds(-1) },
        };
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create("settings", settings));
        Assert.Contains(name, e.Message);
    }
}
