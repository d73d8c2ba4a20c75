namespace Bgpd.Daemon;

/// <summary>How .NET's socket engine runs bgpd's socket continuations; applied before the first socket.</summary>
public static class SocketRuntime
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Socket continuations run on the epoll thread that saw the event, not on a thread-pool worker woken
    /// for it: with the routing loop run by whoever posts to it, a BGP message is then read, routed and
    /// written on that one thread, as in BIRD's single event loop. An explicit setting in the environment wins.
    /// </summary>
    public static void Configure()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }
}
