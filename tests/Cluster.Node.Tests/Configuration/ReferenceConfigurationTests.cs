using System.Text.RegularExpressions;
using Cluster.Node.Hosting;
using Cluster.Runtime.Hocon;

namespace Cluster.Node.Tests.Configuration;

/// <summary>The promise operators rely on: every setting has a comment where it is defined, and the defaults load.</summary>
public partial class ReferenceConfigurationTests
{
    public static TheoryData<string, string> ReferenceFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var assembly in NodeConfiguration.ReferenceAssemblies)
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(ConfigFactory.ReferenceResourceSuffix, StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                data.Add(name, reader.ReadToEnd());
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Every_key_has_a_comment(string resource, string text)
    {
        var lines = text.Split('\n');
        var missing = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Assignment().Match(lines[i]);
            if (!match.Success || match.Groups["value"].Value.TrimStart().StartsWith('{'))
            {
                continue; // not a key, or an object whose keys are checked one by one
            }
            var previous = i - 1;
            while (previous >= 0 && lines[previous].Trim().Length == 0)
            {
                previous--;
            }
            var prior = previous >= 0 ? lines[previous].Trim() : string.Empty;
            if (!prior.StartsWith('#') && !prior.StartsWith("//", StringComparison.Ordinal))
            {
                missing.Add($"{resource}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(missing.Count == 0, "keys without a comment above them:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Node_defaults_load_without_unknown_keys()
    {
        var configuration = NodeConfiguration.Load([]);
        Assert.Equal("./data", configuration.Config.GetString("uc.node.data-dir"));
        Assert.Empty(configuration.Files);
    }

    [GeneratedRegex("""^\s*("[^"]+"|[A-Za-z0-9_.\-]+)\s*(=|:|\+=)(?<value>.*)$""")]
    private static partial Regex Assignment();
}
