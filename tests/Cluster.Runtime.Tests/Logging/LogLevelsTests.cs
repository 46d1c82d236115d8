using Cluster.Runtime.Logging;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Logging;

public class LogLevelsTests
{
    private static (NodeLogging Logging, LogCapture Sink) Create(LogEventLevel level, Dictionary<string, LogEventLevel>? namespaces = null)
    {
        var sink = new LogCapture();
        var settings = new LoggingSettings { DefaultLevel = level, NamespaceLevels = namespaces ?? [], ConsoleEnabled = false };
        return (LoggingSetup.Create(settings, "node-1", sink), sink);
    }

    [Fact]
    public void Raising_and_lowering_the_default_level_at_run_time_filters_subsequent_events()
    {
        var (logging, sink) = Create(LogEventLevel.Information);
        using var _ = logging;
        var log = logging.Logger.ForContext("SourceContext", "Cluster.Runtime.Kernel");

        log.Debug("debug before");
        log.Information("info before");
        logging.Levels.SetLevel("debug", null);
        log.Debug("debug after lowering");
        logging.Levels.SetLevel("warning");
        log.Information("info after raising");
        log.Warning("warning after raising");

        Assert.Equal(["info before", "debug after lowering", "warning after raising"], sink.Messages);
    }

    [Fact]
    public void Longest_namespace_prefix_wins()
    {
        var (logging, sink) = Create(LogEventLevel.Warning, new()
        {
            ["Cluster.Edges"] = LogEventLevel.Information,
            ["Cluster.Edges.Sip"] = LogEventLevel.Debug,
            ["Cluster.Edges.Sip.Parsing"] = LogEventLevel.Error,
        });
        using var _ = logging;

        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Sip.Transport.UdpChannel").Debug("sip transport debug");
        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Sip.Parsing.HeaderParser").Warning("parser warning");
        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Sip.Parsing.HeaderParser").Error("parser error");
        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Turn").Information("turn info");
        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Turn").Debug("turn debug");
        logging.Logger.ForContext("SourceContext", "Cluster.Edges.Sipx").Debug("sipx is not under Sip");
        logging.Logger.ForContext("SourceContext", "Cluster.Runtime").Information("runtime info");
        logging.Logger.Information("no source context info");

        Assert.Equal(["sip transport debug", "parser error", "turn info"], sink.Messages);
        Assert.Equal(LogEventLevel.Information, logging.Levels.EffectiveLevel("Cluster.Edges.Sipx"));
    }

    [Fact]
    public void Namespace_not_configured_at_startup_can_be_turned_on_and_reset_at_run_time()
    {
        var (logging, sink) = Create(LogEventLevel.Information);
        using var _ = logging;
        var sip = logging.Logger.ForContext("SourceContext", "Cluster.Edges.Sip.Registrar");
        var other = logging.Logger.ForContext("SourceContext", "Cluster.Runtime.Kernel");

        sip.Debug("sip debug before");
        logging.Levels.SetLevel("debug", "Cluster.Edges.Sip");
        sip.Debug("sip debug after");
        other.Debug("kernel debug stays off");
        Assert.True(logging.Levels.ResetLevel("Cluster.Edges.Sip"));
        sip.Debug("sip debug after reset");
        sip.Information("sip info after reset");

        Assert.Equal(["sip debug after", "sip info after reset"], sink.Messages);
        Assert.False(logging.Levels.ResetLevel("Cluster.Edges.Sip"));
    }

    [Fact]
    public void Namespace_can_be_quieter_than_the_default()
    {
        var (logging, sink) = Create(LogEventLevel.Debug);
        using var _ = logging;
        logging.Levels.SetLevel("error", "Cluster.Noisy");

        logging.Logger.ForContext("SourceContext", "Cluster.Noisy.Thing").Warning("noisy warning");
        logging.Logger.ForContext("SourceContext", "Cluster.Quiet").Debug("quiet debug");

        Assert.Equal(["quiet debug"], sink.Messages);
    }

    [Fact]
    public void Unknown_level_name_is_an_error_listing_the_valid_levels()
    {
        var levels = new LogLevels(LogEventLevel.Information);
        var error = Assert.Throws<ArgumentException>(() => levels.SetLevel("loud", "Cluster.Edges.Sip"));
        Assert.Contains("unknown log level 'loud'", error.Message);
        Assert.Contains("verbose, debug, information, warning, error, fatal", error.Message);
        Assert.Equal(LogEventLevel.Information, levels.EffectiveLevel("Cluster.Edges.Sip"));
    }

    [Fact]
    public void Malformed_namespace_is_rejected()
    {
        var levels = new LogLevels(LogEventLevel.Information);
        Assert.Throws<ArgumentException>(() => levels.SetLevel("debug", "Cluster Edges"));
        Assert.Throws<ArgumentException>(() => levels.SetLevel("debug", ".Cluster"));
    }

    [Fact]
    public void Current_lists_the_default_then_namespaces_in_order()
    {
        var levels = new LogLevels(LogEventLevel.Information, new Dictionary<string, LogEventLevel> { ["Cluster.Edges.Sip"] = LogEventLevel.Debug });
        levels.SetLevel("warn", "Cluster.Actors");

        Assert.Equal(
            ["(default): information", "Cluster.Actors: warning", "Cluster.Edges.Sip: debug"],
            levels.Current.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("INFO", LogEventLevel.Information)]
    [InlineData("trace", LogEventLevel.Verbose)]
    [InlineData("Warn", LogEventLevel.Warning)]
    [InlineData("fatal", LogEventLevel.Fatal)]
    public void Level_names_accept_common_aliases_case_insensitively(string text, LogEventLevel expected)
    {
        Assert.Equal(expected, LogLevelNames.Parse(text));
    }
}
