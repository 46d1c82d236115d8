namespace Cluster.Actors.Users;

/// <summary>
/// What the user is doing, after the RPID activities of RFC 4480 §3.2 (plus <see cref="Lunch"/>, which the reference
/// products show separately from RPID's generic <c>meal</c>). The SIP edge maps these to <c>rpid:activities</c>.
/// </summary>
public enum PresenceActivity
{
    None,
    Appointment,
    Away,
    Busy,
    Holiday,
    InTransit,
    Lunch,
    Meal,
    Meeting,
    OnThePhone,
    Presentation,
    Sleeping,
    Travel,
    Vacation,
    Working,
    Other,
}
