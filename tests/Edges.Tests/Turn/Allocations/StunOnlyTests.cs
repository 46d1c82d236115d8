using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Allocations;

public class StunOnlyTests
{
    [Fact]
    public async Task Without_credentials_the_server_answers_Binding_and_refuses_Allocate()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { AuthSecrets = [] });
        Assert.False(fixture.Server.RelayEnabled);
        using var client = fixture.Client();

        var binding = await client.RequestAsync(StunMethod.Binding);
        TurnTestClient.Parse(binding, out var message);
        Assert.Equal(StunClass.SuccessResponse, message.Class);

        var allocate = await client.AllocateAsync();
        Assert.NotEqual(0, TurnTestClient.ErrorCode(allocate));
        Assert.Equal(0, fixture.Server.Allocations.Count);
    }
}
