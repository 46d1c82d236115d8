using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class ActorSystemSettingsConfigTests
{
    private static Config WithReference(string hocon) =>
        ConfigFactory.ParseString(hocon, "test.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ActorSystem).Assembly)).Resolve();

    [Fact]
    public void Reference_defaults_match_the_record_defaults()
    {
        var settings = ActorSystemSettings.FromConfig(WithReference(""));
        var defaults = ActorSystemSettings.Default;
        Assert.Equal(defaults.Throughput, settings.Throughput);
        Assert.Equal(defaults.AskTimeout, settings.AskTimeout);
        Assert.Equal(defaults.DeadLetterLogCount, settings.DeadLetterLogCount);
        Assert.Equal(defaults.DeadLetterLogSuppressionInterval, settings.DeadLetterLogSuppressionInterval);
        Assert.Equal(defaults.ShutdownDefaultPhaseTimeout, settings.ShutdownDefaultPhaseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ShutdownPhases[CoordinatedShutdown.PhaseClusterShardingShutdownRegion].Timeout);
        Assert.Null(settings.ShutdownPhases[CoordinatedShutdown.PhaseServiceUnbind].Timeout);
        settings.Validate();
    }

    [Fact]
    public void Overrides_are_read()
    {
        var settings = ActorSystemSettings.FromConfig(WithReference("""
            uc.actor { throughput = 5, ask-timeout = 2s, log-dead-letters = off, guardian-supervisor-strategy = stopping }
            uc.coordinated-shutdown.phases.service-unbind { timeout = 3s, recover = off }
            """));
        Assert.Equal(5, settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AskTimeout);
        Assert.Equal(0, settings.DeadLetterLogCount);
        Assert.Same(SupervisorStrategy.StoppingStrategy, settings.GuardianSupervisorStrategy);
        Assert.Equal(new ShutdownPhaseSettings(TimeSpan.FromSeconds(3), false), settings.ShutdownPhases[CoordinatedShutdown.PhaseServiceUnbind]);
    }

    [Fact]
    public void Bad_value_names_file_line_and_key()
    {
        var error = Assert.Throws<ConfigException>(() => ActorSystemSettings.FromConfig(WithReference("\nuc.actor.throughput = 0")));
        Assert.Contains("test.conf:2", error.Message);
        Assert.Contains("uc.actor.throughput", error.Message);
    }

    [Fact]
    public void Unknown_phase_is_refused()
    {
        var error = Assert.Throws<ConfigException>(() => ActorSystemSettings.FromConfig(WithReference("uc.coordinated-shutdown.phases.nap { timeout = 1s }")));
        Assert.Contains("uc.coordinated-shutdown.phases.nap", error.Message);
    }
}
