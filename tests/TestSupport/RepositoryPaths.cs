namespace Cluster.TestSupport;

/// <summary>Finds the repository and the build outputs of sibling projects from a running test assembly.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds Cluster.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var binIndex = Array.LastIndexOf(parts, "bin");
            return binIndex >= 0 && binIndex + 1 < parts.Length ? parts[binIndex + 1] : "Debug";
        }
    }

    /// <summary>
    /// The main assembly of a project under src/, built in the same configuration as the tests
    /// (e.g. <c>ProjectAssembly("Cluster.Node")</c>).
    /// </summary>
    public static string ProjectAssembly(string project, string? assemblyName = null)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", (assemblyName ?? project) + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: build the solution first (dotnet build Cluster.sln -c {Configuration})", path);
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Cluster.sln above {AppContext.BaseDirectory}");
    }
}
