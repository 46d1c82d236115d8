using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Kernel;

public sealed partial record ActorSystemSettings
{
    /// <summary>
    /// Reads <c>uc.actor</c> and <c>uc.coordinated-shutdown</c>; the logger and clock stay at their defaults (the node
    /// sets its logger with a <c>with</c> expression). Errors name the file, line and key.
    /// </summary>
    public static ActorSystemSettings FromConfig(Config config)
    {
        const string actor = "uc.actor";
        const string shutdown = "uc.coordinated-shutdown";
        var phases = new Dictionary<string, ShutdownPhaseSettings>();
        foreach (var phase in config.GetObjectKeys($"{shutdown}.phases"))
        {
            if (!CoordinatedShutdown.DefaultPhases.Contains(phase))
            {
                throw config.Invalid($"{shutdown}.phases.{phase}",
                    $"unknown shutdown phase; known: {string.Join(", ", CoordinatedShutdown.DefaultPhases)}");
            }
            var path = $"{shutdown}.phases.{phase}";
            phases[phase] = new ShutdownPhaseSettings(
                config.HasPath($"{path}.timeout") ? config.GetPositiveTimeSpan($"{path}.timeout") : null,
                config.GetBoolean($"{path}.recover", true));
        }

        var strategy = config.GetString($"{actor}.guardian-supervisor-strategy");
        return new ActorSystemSettings
        {
            Throughput = config.GetIntInRange($"{actor}.throughput", 1),
            AskTimeout = config.GetPositiveTimeSpan($"{actor}.ask-timeout", allowInfinite: true),
            DeadLetterLogCount = config.IsOff($"{actor}.log-dead-letters") ? 0 : config.GetIntInRange($"{actor}.log-dead-letters", 0),
            DeadLetterLogSuppressionInterval = config.GetPositiveTimeSpan($"{actor}.log-dead-letters-suppression-interval"),
            LogDeadLettersDuringShutdown = config.GetBoolean($"{actor}.log-dead-letters-during-shutdown"),
            GuardianSupervisorStrategy = strategy switch
            {
                "default" => SupervisorStrategy.DefaultStrategy,
                "stopping" => SupervisorStrategy.StoppingStrategy,
                _ => throw config.Invalid($"{actor}.guardian-supervisor-strategy", $"unknown strategy '{strategy}'; valid: default, stopping"),
            },
            ShutdownDefaultPhaseTimeout = config.GetPositiveTimeSpan($"{shutdown}.default-phase-timeout"),
            ShutdownPhases = phases,
        };
    }
}
