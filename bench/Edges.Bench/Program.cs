using Cluster.Edges.Bench;
using Cluster.Edges.Bench.Media;

return args.FirstOrDefault() switch
{
    "parse" => SipParseBenchmark.Run(args.Skip(1).ToArray()),
    "fuzz" => SipFuzzCommand.Run(args.Skip(1).ToArray()),
    "turn-server" => await Cluster.Edges.Bench.Turn.TurnServerCommand.RunAsync(args.Skip(1).ToArray()),
    "turn-alloc-load" => await Cluster.Edges.Bench.Turn.TurnAllocationLoadCommand.RunAsync(args.Skip(1).ToArray()),
    "media-load" => MediaLoadCommand.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Edges.Bench -- <command> [options]");
    Console.WriteLine("  parse [--seconds N]   SIP parse throughput (messages/s) for a typical REGISTER and INVITE");
    Console.WriteLine("  fuzz  [--seconds N] [--seed S]   mutation fuzzing of the SIP parser until the time is up");
    Console.WriteLine("  turn-server --port N --secret S [--relay-min P] [--relay-max P] [--address A]   TURN server host (bench/turn)");
    Console.WriteLine("  turn-alloc-load --port N --secret S [--allocations N] [--concurrency C] [--hold]   allocation rate load generator");
    Console.WriteLine("  media-load [--calls N] [--seconds S] [--base-port P]   relayed G.711-like calls through one node's media slots");
    return 2;
}
