namespace Cluster.Bench;

/// <summary>
/// A console benchmark: one class per figure named in an issue, found by <see cref="Name"/> from the command line
/// (<c>dotnet run -c Release --project bench/Runtime.Bench -- NAME [args]</c>). Each prints its figure on a line
/// that starts with <c>RESULT</c> so that RESULTS.md can quote it.
/// </summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(string[] args);
}
