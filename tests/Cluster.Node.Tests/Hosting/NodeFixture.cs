using Cluster.TestSupport;

namespace Cluster.Node.Tests.Hosting;

/// <summary>A temporary working directory with a node configuration on free loopback ports.</summary>
public sealed class NodeFixture : IDisposable
{
    public NodeFixture(string name = "node1", string? extraConfig = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "uc-node-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Name = name;
        ShellPort = FreePort.Tcp();
        TurnPort = FreePort.UdpAndTcp();
        SipPort = FreePort.UdpAndTcp();
        SipTlsPort = FreePort.Tcp();
        HttpPort = FreePort.Tcp();
        HttpsPort = FreePort.Tcp();
        ConfigPath = Path.Combine(Directory, name + ".conf");
        File.WriteAllText(ConfigPath, $$"""
            uc.node {
              name = "{{name}}"
              data-dir = "{{DataDirectory}}"
            }
            uc.shell.port = {{ShellPort}}
            uc.turn.listen { port = {{TurnPort}}, address = "127.0.0.1" }
            uc.sip {
              udp.listen = ["127.0.0.1:{{SipPort}}"]
              tcp.listen = ["127.0.0.1:{{SipPort}}"]
              tls.listen = ["127.0.0.1:{{SipTlsPort}}"]
            }
            uc.web { bind-host = "127.0.0.1", http-port = {{HttpPort}}, https-port = {{HttpsPort}} }
            {{extraConfig}}
            """);
    }

    public string Directory { get; }

    public string Name { get; }

    public int ShellPort { get; }

    public int TurnPort { get; }

    public int SipPort { get; }

    public int SipTlsPort { get; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public string ConfigPath { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public NodeProcess Start(string? label = null, params string[] extraArgs) =>
        NodeProcess.Start(label ?? Name, RepositoryPaths.ProjectAssembly("Cluster.Node"), ["--config", ConfigPath, .. extraArgs], Directory);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process we started may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
