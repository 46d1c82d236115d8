namespace Cluster.Actors.Calls;

/// <summary>The SIP methods the call core reasons about.</summary>
public enum SipMethod
{
    Invite,
    Ack,
    Cancel,
    Bye,
    Update,
    Refer,
    Notify,
}
