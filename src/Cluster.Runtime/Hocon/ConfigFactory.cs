using System.Reflection;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Entry points for building configuration, named after Lightbend's/Akka.NET's <c>ConfigFactory</c>. A node's effective
/// configuration is: the deployment files in order (a later file wins), over the <c>reference.conf</c> defaults embedded
/// in the assemblies, resolved once (see <see cref="Load"/>).
/// </summary>
public static class ConfigFactory
{
    /// <summary>Suffix of embedded resources holding a subsystem's defaults.</summary>
    public const string ReferenceResourceSuffix = "reference.conf";

    /// <summary>A configuration without keys.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>
    /// Parses HOCON text. Substitutions are resolved on first read (or by <see cref="Config.Resolve"/>), so the result can
    /// still be layered over fallbacks it refers to. Relative includes are looked up in the current directory.
    /// </summary>
    /// <param name="text">The HOCON document.</param>
    /// <param name="origin">Name used for this text in origins and error messages.</param>
    public static Config ParseString(string text, string origin = "<string>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = new HoconParseContext(origin, Directory.GetCurrentDirectory(), []);
        return new Config(HoconParser.Parse(text, context, []));
    }

    /// <summary>Parses a HOCON file; its includes are resolved relative to its directory.</summary>
    /// <exception cref="ConfigException">The file does not exist, cannot be read or is not valid HOCON.</exception>
    public static Config ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ConfigException($"configuration file '{path}' not found (looked for {Path.GetFullPath(path)})");
        }

        return new Config(HoconParser.ParseFile(path, [], []));
    }

    /// <summary>
    /// Merges every embedded resource whose name ends with <c>reference.conf</c> in the given assemblies (each subsystem
    /// folder embeds its own). Resources are taken in assembly order, then by name; subsystems own disjoint keys, and
    /// where two define the same key the first one wins. Embedded resources cannot include files.
    /// </summary>
    public static Config FromEmbeddedReferences(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var result = Config.Empty;
        foreach (var assembly in assemblies.Distinct())
        {
            var names = assembly.GetManifestResourceNames()
                .Where(n => n.EndsWith(ReferenceResourceSuffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                using var stream = assembly.GetManifestResourceStream(name)
                    ?? throw new ConfigException($"embedded resource '{name}' of {assembly.GetName().Name} cannot be opened");
                using var reader = new StreamReader(stream);
                var context = new HoconParseContext($"{assembly.GetName().Name}:{name}", null, []);
                result = result.WithFallback(new Config(HoconParser.Parse(reader.ReadToEnd(), context, [])));
            }
        }

        return result;
    }

    /// <summary>
    /// The effective configuration of a process: <paramref name="files"/> in order (a later file overrides an earlier
    /// one), over the embedded references of <paramref name="referenceAssemblies"/>, resolved.
    /// </summary>
    public static Config Load(IEnumerable<string> files, params Assembly[] referenceAssemblies)
    {
        ArgumentNullException.ThrowIfNull(files);
        var user = Config.Empty;
        foreach (var file in files)
        {
            user = ParseFile(file).WithFallback(user);
        }

        return user.WithFallback(FromEmbeddedReferences(referenceAssemblies)).Resolve();
    }
}
