using Cluster.Edges.Bench;
using Cluster.Edges.Bench.Media;

return args.FirstOrDefault() switch
{
    "parse" => SipParseBenchmark.Run(args.Skip(1).ToArray()),
    "fuzz" => SipFuzzCommand.Run(args.Skip(1).ToArray()),
    "media-load" => MediaLoadCommand.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Edges.Bench -- <command> [options]");
    Console.WriteLine("  parse [--seconds N]   SIP parse throughput (messages/s) for a typical REGISTER and INVITE");
    Console.WriteLine("  fuzz  [--seconds N] [--seed S]   mutation fuzzing of the SIP parser until the time is up");
    Console.WriteLine("  media-load [--calls N] [--seconds S] [--base-port P]   relayed G.711-like calls through one node's media slots");
    return 2;
}
