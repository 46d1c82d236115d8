using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// Answers Binding requests (RFC 8489 §7.3.1): XOR-MAPPED-ADDRESS with the reflexive address, SOFTWARE and
/// FINGERPRINT. An RFC 3489 client (no magic cookie) gets MAPPED-ADDRESS instead, the only address attribute it
/// understands, and no FINGERPRINT (RFC 8489 §12). Binding indications are keep-alives and get no answer.
/// </summary>
public sealed class StunBindingHandler : IStunMethodHandler
{
    private readonly string software;

    public StunBindingHandler(string software) => this.software = software;

    public StunMethod Method => StunMethod.Binding;

    public int Handle(in StunRequestContext context, Span<byte> response)
    {
        var request = context.Message;
        if (request.Class != StunClass.Request)
        {
            return 0;
        }

        var writer = StunResponses.Begin(response, in request, StunClass.SuccessResponse);
        if (request.HasMagicCookie)
        {
            writer.AddAddress(StunAttributeType.XorMappedAddress, context.ClientAddress, context.ClientPort, xor: true);
        }
        else
        {
            writer.AddAddress(StunAttributeType.MappedAddress, context.ClientAddress, context.ClientPort, xor: false);
        }

        StunResponses.Finish(ref writer, in request, software);
        return writer.Length;
    }
}
