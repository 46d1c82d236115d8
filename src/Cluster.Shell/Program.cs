namespace Cluster.Shell;

/// <summary>Entry point of the <c>uc</c> operator shell.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ShellApp.RunAsync(args, ShellIo.FromConsole());
}
