namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Methods the stack dispatches on (RFC 3261 plus PRACK 3262, SUBSCRIBE/NOTIFY 6665, PUBLISH 3903, INFO 6086,
/// REFER 3515, MESSAGE 3428, UPDATE 3311). Any other token is <see cref="Extension"/> and keeps its text: methods are
/// case-sensitive (RFC 3261 §7.1), so "invite" is an extension method, not INVITE.
/// </summary>
public enum SipMethod : byte
{
    Extension = 0,
    Invite, Ack, Bye, Cancel, Options, Register, Prack, Subscribe, Notify, Publish, Info, Refer, Message, Update,
}

/// <summary>Conversions between method tokens and <see cref="SipMethod"/>, without allocating for known methods.</summary>
public static class SipMethods
{
    private static readonly string[] Names =
        ["", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"];

    /// <summary>The token of a known method; throws for <see cref="SipMethod.Extension"/>, whose text lives in the message.</summary>
    public static string ToToken(SipMethod method) =>
        method == SipMethod.Extension ? throw new ArgumentException("an extension method has no fixed token", nameof(method)) : Names[(int)method];

    public static SipMethod Parse(ReadOnlySpan<byte> token)
    {
        switch (token.Length)
        {
            case 3:
                if (token.SequenceEqual("ACK"u8)) return SipMethod.Ack;
                if (token.SequenceEqual("BYE"u8)) return SipMethod.Bye;
                break;
            case 4:
                if (token.SequenceEqual("INFO"u8)) return SipMethod.Info;
                break;
            case 5:
                if (token.SequenceEqual("PRACK"u8)) return SipMethod.Prack;
                if (token.SequenceEqual("REFER"u8)) return SipMethod.Refer;
                break;
            case 6:
                if (token.SequenceEqual("INVITE"u8)) return SipMethod.Invite;
                if (token.SequenceEqual("CANCEL"u8)) return SipMethod.Cancel;
                if (token.SequenceEqual("NOTIFY"u8)) return SipMethod.Notify;
                if (token.SequenceEqual("UPDATE"u8)) return SipMethod.Update;
                break;
            case 7:
                if (token.SequenceEqual("OPTIONS"u8)) return SipMethod.Options;
                if (token.SequenceEqual("PUBLISH"u8)) return SipMethod.Publish;
                if (token.SequenceEqual("MESSAGE"u8)) return SipMethod.Message;
                break;
            case 8:
                if (token.SequenceEqual("REGISTER"u8)) return SipMethod.Register;
                break;
            case 9:
                if (token.SequenceEqual("SUBSCRIBE"u8)) return SipMethod.Subscribe;
                break;
        }
        return SipMethod.Extension;
    }

    public static SipMethod Parse(string token) => Parse(System.Text.Encoding.ASCII.GetBytes(token));
}
