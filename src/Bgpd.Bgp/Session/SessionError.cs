namespace Bgpd.Bgp.Session;

/// <summary>BIRD's last-error classes, each with the prefix BIRD prints before the message.</summary>
public enum SessionErrorClass
{
    None = 0,
    Misc,
    Socket,
    Received,
    Sent,
    AutoDown,
}

/// <summary>The last error as `show protocols` prints it: "Socket: No route to host", "Received: Administrative shutdown".</summary>
public readonly record struct SessionError(SessionErrorClass Class, string Message)
{
    public static readonly SessionError None = new(SessionErrorClass.None, "");

    public string Prefix => Class switch
    {
        SessionErrorClass.Misc => "Error: ",
        SessionErrorClass.Socket => "Socket: ",
        SessionErrorClass.Received => "Received: ",
        SessionErrorClass.Sent => "BGP Error: ",
        SessionErrorClass.AutoDown => "Automatic shutdown: ",
        _ => "",
    };

    public bool IsNone => Class == SessionErrorClass.None;

    public override string ToString() => Prefix + Message;
}
