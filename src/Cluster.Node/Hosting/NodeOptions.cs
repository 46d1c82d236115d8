namespace Cluster.Node.Hosting;

/// <summary>The node's command line: <c>--config FILE</c> (repeatable, later files win), <c>--help</c>, <c>--version</c>.</summary>
public sealed record NodeOptions(IReadOnlyList<string> ConfigFiles, bool ShowHelp, bool ShowVersion)
{
    public const string Usage =
        """
        usage: Cluster.Node [--config FILE]... [--help] [--version]

          --config FILE   HOCON file layered over the built-in defaults; repeatable, a later file wins.
                          Without any, the node runs on the embedded default: one node, SQLite under ./data.
          --help          this text
          --version       the node's version
        """;

    /// <summary>Parses the arguments or throws <see cref="NodeUsageException"/> naming the bad one.</summary>
    public static NodeOptions Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var help = false;
        var version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--config" or "-c":
                    if (i + 1 >= args.Count)
                    {
                        throw new NodeUsageException($"{arg} needs a file name");
                    }
                    files.Add(args[++i]);
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                default:
                    if (arg.StartsWith("--config=", StringComparison.Ordinal))
                    {
                        files.Add(arg["--config=".Length..]);
                        break;
                    }
                    throw new NodeUsageException($"unknown argument '{arg}'");
            }
        }
        return new NodeOptions(files, help, version);
    }
}
