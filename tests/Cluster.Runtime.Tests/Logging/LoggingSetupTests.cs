using Cluster.Runtime.Hocon;
using Cluster.Runtime.Logging;
using Cluster.Runtime.Tests.Hocon;
using Cluster.TestSupport;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Logging;

public class LoggingSetupTests
{
    private static Config WithReference(string text) =>
        ConfigFactory.ParseString(text, "node.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(LoggingSettings).Assembly));

    [Fact]
    public void Reference_defaults_give_info_console_on_file_off()
    {
        var settings = LoggingSettings.FromConfig(WithReference(string.Empty));
        Assert.Equal(LogEventLevel.Information, settings.DefaultLevel);
        Assert.True(settings.ConsoleEnabled);
        Assert.False(settings.FileEnabled);
        Assert.Equal(RollingInterval.Day, settings.RollingInterval);
        Assert.Equal(14, settings.RetainedFileCount);
        Assert.Equal(100L * 1024 * 1024, settings.FileSizeLimitBytes);
        Assert.Empty(settings.NamespaceLevels);
        Assert.Equal(1000, settings.TailBufferSize);
    }

    [Fact]
    public void Settings_are_read_from_hocon()
    {
        var settings = LoggingSettings.FromConfig(WithReference("""
            uc.log {
              level = warn
              levels { "Cluster.Edges.Sip" = debug, Cluster.Runtime = error }
              console { enabled = off, template = "{Message}" }
              file { enabled = on, path = /var/log/uc/node.log, rolling-interval = hour, retained-file-count = off, size-limit = 10MiB }
              tail.buffer-size = 50
            }
            """));

        Assert.Equal(LogEventLevel.Warning, settings.DefaultLevel);
        Assert.Equal(LogEventLevel.Debug, settings.NamespaceLevels["Cluster.Edges.Sip"]);
        Assert.Equal(LogEventLevel.Error, settings.NamespaceLevels["Cluster.Runtime"]);
        Assert.Equal(2, settings.NamespaceLevels.Count);
        Assert.False(settings.ConsoleEnabled);
        Assert.Equal("{Message}", settings.ConsoleTemplate);
        Assert.True(settings.FileEnabled);
        Assert.Equal("/var/log/uc/node.log", settings.FilePath);
        Assert.Equal(RollingInterval.Hour, settings.RollingInterval);
        Assert.Null(settings.RetainedFileCount);
        Assert.Equal(10L * 1024 * 1024, settings.FileSizeLimitBytes);
        Assert.Equal(50, settings.TailBufferSize);
    }

    [Fact]
    public void Bad_level_in_config_names_file_line_key_and_valid_levels()
    {
        var config = WithReference("uc.log {\n  levels { \"Cluster.Edges.Sip\" = chatty }\n}");
        var error = Assert.Throws<ConfigException>(() => LoggingSettings.FromConfig(config));
        Assert.Contains("node.conf:2: key 'uc.log.levels.\"Cluster.Edges.Sip\"'", error.Message);
        Assert.Contains("unknown log level 'chatty'", error.Message);
        Assert.Contains("verbose, debug, information", error.Message);
    }

    [Fact]
    public void Bad_rolling_interval_lists_the_valid_ones()
    {
        var error = Assert.Throws<ConfigException>(() => LoggingSettings.FromConfig(WithReference("uc.log.file.rolling-interval = weekly")));
        Assert.Contains("node.conf:1: key 'uc.log.file.rolling-interval'", error.Message);
        Assert.Contains("infinite, year, month, day, hour, minute", error.Message);
    }

    [Fact]
    public void Logging_reference_keys_pass_the_unknown_key_check_and_typos_do_not()
    {
        var reference = ConfigFactory.FromEmbeddedReferences(typeof(LoggingSettings).Assembly);
        Assert.Empty(ConfigValidator.FindUnknownKeys(ConfigFactory.ParseString("uc.log.levels { \"Any.Namespace\" = debug }"), reference));
        var problem = Assert.Single(ConfigValidator.FindUnknownKeys(ConfigFactory.ParseString("uc.log.file.size-limt = 1MiB", "node.conf"), reference));
        Assert.Equal("uc.log.file.size-limit", problem.Suggestion);
    }

    [Fact]
    public void Events_carry_node_name_and_log_context_properties()
    {
        var sink = new LogCapture();
        using var logging = LoggingSetup.Create(new LoggingSettings { ConsoleEnabled = false }, "uc-7", sink);

        using (LogContext.PushProperty("CallId", "a84b4c76e66710"))
        using (LogContext.PushProperty("EntityId", "alice@example.com"))
        {
            logging.Logger.Information("Call {Uri} answered", "sip:bob@example.com");
        }

        var logEvent = Assert.Single(sink.Events);
        Assert.Equal("\"uc-7\"", logEvent.Properties[LoggingSetup.NodeNameProperty].ToString());
        Assert.Equal("\"a84b4c76e66710\"", logEvent.Properties["CallId"].ToString());
        Assert.Equal("\"alice@example.com\"", logEvent.Properties["EntityId"].ToString());
    }

    [Fact]
    public void File_sink_writes_formatted_lines_to_the_configured_path()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "logs", "uc.log");
        var settings = new LoggingSettings
        {
            ConsoleEnabled = false,
            FileEnabled = true,
            FilePath = path,
            RollingInterval = RollingInterval.Infinite,
            FileTemplate = "{Level:u3} {NodeName} {SourceContext}: {Message:lj}{NewLine}",
        };

        using (var logging = LoggingSetup.Create(settings, "uc-2"))
        {
            logging.Logger.ForContext("SourceContext", "Cluster.Test").Warning("disk {Percent}% full", 91);
            logging.Logger.Debug("not written at information level");
        }

        var text = File.ReadAllText(path);
        Assert.Equal("WRN uc-2 Cluster.Test: disk 91% full" + Environment.NewLine, text);
    }

    [Fact]
    public void File_sink_rolls_with_the_interval_in_the_file_name()
    {
        using var dir = new TempDirectory();
        var settings = new LoggingSettings { ConsoleEnabled = false, FileEnabled = true, FilePath = Path.Combine(dir.Path, "uc.log"), RollingInterval = RollingInterval.Day };

        using (var logging = LoggingSetup.Create(settings, "uc-3"))
        {
            logging.Logger.Information("hello");
        }

        var file = Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Matches(@"uc\d{8}\.log$", file);
        Assert.Contains("hello", File.ReadAllText(file));
    }
}
