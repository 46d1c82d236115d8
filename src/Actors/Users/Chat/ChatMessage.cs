using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>A chat message in a user's inbox, with its delivery and read receipts.</summary>
/// <param name="MessageId">Globally unique id given by the sender's client or edge; also the de-duplication key.</param>
/// <param name="From">Sender.</param>
/// <param name="To">Recipient.</param>
/// <param name="Direction">Incoming to or outgoing from the inbox owner.</param>
/// <param name="Body">The content, as sent.</param>
/// <param name="ContentType">MIME type of <see cref="Body"/> (RFC 3428 §5: text/plain unless told otherwise).</param>
/// <param name="AcceptedAt">When the inbox owner's entity accepted it; the message timestamp.</param>
/// <param name="Sequence">Position in this inbox, strictly increasing; the paging cursor.</param>
/// <param name="DeliveredAt">When a device of the recipient confirmed it, if yet.</param>
/// <param name="ReadAt">When the recipient read it, if yet.</param>
/// <param name="Subject">Optional subject line (SIP Subject header, XMPP subject); added after v1 payloads were stored,
/// so it is the last parameter and defaults to null for them.</param>
public sealed record ChatMessage(
    string MessageId,
    UserAddress From,
    UserAddress To,
    ChatDirection Direction,
    string Body,
    string ContentType,
    DateTimeOffset AcceptedAt,
    long Sequence,
    DateTimeOffset? DeliveredAt = null,
    DateTimeOffset? ReadAt = null,
    string? Subject = null)
{
    /// <summary>An incoming message no device has confirmed yet: part of the offline store, never trimmed.</summary>
    public bool IsPendingDelivery => Direction == ChatDirection.Incoming && DeliveredAt is null;

    /// <summary>Keeps message bodies out of logs.</summary>
    public override string ToString() =>
        $"ChatMessage {{ MessageId = {MessageId}, From = {From}, To = {To}, Direction = {Direction}, Sequence = {Sequence} }}";
}
