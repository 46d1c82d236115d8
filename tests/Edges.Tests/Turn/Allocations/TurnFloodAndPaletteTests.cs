using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cluster.Edges.Turn;
using Cluster.Edges.Turn.Stun;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Edges.Tests.Turn.Allocations;

public sealed class TurnFloodAndPaletteTests
{
    [Fact]
    public async Task Hundred_thousand_unauthenticated_allocates_leave_no_state_behind()
    {
        await using var fixture = TurnServerFixture.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[256];
        var forged = new byte[20];
        const int Count = 100_000;
        for (var i = 0; i < Count; i++)
        {
            // Alternate plain Allocates (401) with ones carrying forged credentials (438: nonce not ours).
            var writer = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, TurnTestClient.NewTransactionId());
            writer.AddRequestedTransport(17);
            if ((i & 1) == 1)
            {
                writer.AddText(StunAttributeType.Username, $"{i}:mallory");
                writer.AddText(StunAttributeType.Realm, TurnServerFixture.Realm);
                writer.AddText(StunAttributeType.Nonce, "forged-nonce");
                writer.AddMessageIntegrity(forged);
            }

            socket.SendTo(writer.Written, fixture.Udp);
        }

        // The listener answers in order, so once a Binding request sent after the flood is answered, everything the
        // kernel did not drop has been processed. UDP may lose the probe itself: it is resent until answered.
        await ProbeUntilAnsweredAsync(socket, fixture.Udp);
        Assert.Equal(0, fixture.Server.Allocations.Count);
        Assert.Equal(0, fixture.Server.Allocations.Reserved);
        Assert.Equal(0, fixture.Server.Ports.InUse);

        // A legitimate client is still served afterwards.
        using var client = fixture.Client();
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.AllocateAsync()));

        var rejected = fixture.Server.Counters.RejectedByCode;
        Assert.True(rejected.GetValueOrDefault(401) + rejected.GetValueOrDefault(438) > 1000,
            $"expected most of the flood to be answered 401/438, got {string.Join(", ", rejected)}; stun counters {fixture.Server.StunCounters}");
        Assert.Equal(1, fixture.Server.Allocations.Count);
        Assert.Equal(1, fixture.Server.Allocations.Reserved);
        Assert.Equal(1, fixture.Server.Ports.InUse);
    }

    [Fact]
    public async Task Palette_lists_allocations_of_a_user_and_the_counters()
    {
        await using var fixture = TurnServerFixture.Start();
        using var alice = fixture.Client("alice");
        using var bob = fixture.Client("bob");
        Assert.Equal(0, TurnTestClient.ErrorCode(await alice.AllocateAsync()));
        Assert.Equal(0, TurnTestClient.ErrorCode(await bob.AllocateAsync()));
        Assert.Equal(0, TurnTestClient.ErrorCode(await alice.CreatePermissionAsync(new IPEndPoint(IPAddress.Loopback, 7000))));
        var palette = TurnPalette.Create(fixture.Server);

        var listing = await RunAsync(palette, "allocations", "alice");
        var row = Assert.Single(Assert.IsType<JsonArray>(listing));
        Assert.Equal("alice", (string?)row!["user"]);
        Assert.Equal($"udp:{alice.LocalEndPoint}", (string?)row["client"]);
        Assert.Equal("127.0.0.1", (string?)row["permissions"]);
        Assert.InRange((int)row["lifetime-left-s"]!, 590, 600);

        var all = Assert.IsType<JsonArray>(await RunAsync(palette, "allocations"));
        Assert.Equal(2, all.Count);

        var stats = await RunAsync(palette, "stats");
        var text = stats!.ToJsonString();
        Assert.Contains("\"allocations-active\":2", text);
        Assert.Contains("\"allocations-total\":2", text);
        Assert.Contains("\"rejected-401-challenge\":2", text);
    }

    private static async Task ProbeUntilAnsweredAsync(Socket socket, IPEndPoint server)
    {
        var id = TurnTestClient.NewTransactionId();
        var probe = new byte[64];
        var writer = new StunMessageWriter(probe, StunMethod.Binding, StunClass.Request, id);
        var length = writer.Length;
        var buffer = new byte[2048];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            socket.SendTo(probe.AsSpan(0, length), server);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                    if (received >= 20 && buffer.AsSpan(8, 12).SequenceEqual(id))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        throw new TimeoutException("The Binding probe sent after the flood was not answered within 60 s.");
    }

    private static async Task<JsonNode?> RunAsync(CommandPalette palette, params string[] argv)
    {
        var output = new JsonCapture();
        var command = palette.FindCommand(argv[0])!;
        await command.Handler(CommandLineParser.Parse(palette.Name, command, argv.Skip(1).ToArray(), true), output, CancellationToken.None);
        return output.Value;
    }

    /// <summary>Captures what a handler writes, converted to JSON as the endpoint would with <c>--json</c>.</summary>
    private sealed class JsonCapture : CommandOutput
    {
        public JsonNode? Value { get; private set; }

        public override bool IsJson => true;

        public override ValueTask WriteTableAsync(CommandTable table)
        {
            var rows = new JsonArray();
            foreach (var row in table.Rows)
            {
                var item = new JsonObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    item[table.Columns[i]] = JsonValue.Create(row[i]);
                }

                rows.Add(item);
            }

            Value = rows;
            return ValueTask.CompletedTask;
        }

        public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries)
        {
            var section = new JsonObject();
            foreach (var (key, value) in entries)
            {
                section[key] = JsonValue.Create(value);
            }

            Value = section;
            return ValueTask.CompletedTask;
        }

        public override ValueTask WriteLineAsync(string text)
        {
            Value = text;
            return ValueTask.CompletedTask;
        }

        public override ValueTask WriteJsonAsync(JsonNode? value)
        {
            Value = value;
            return ValueTask.CompletedTask;
        }
    }
}
