namespace Bgpd.Config.Model;

/// <summary>Protocol debug categories (<c>debug { states, routes, ... }</c>; <c>all</c> sets every bit).</summary>
[Flags]
public enum DebugFlags
{
    None = 0,
    States = 1,
    Routes = 2,
    Filters = 4,
    Interfaces = 8,
    Events = 16,
    Packets = 32,
    All = States | Routes | Filters | Interfaces | Events | Packets,
}

/// <summary>Log message classes (<c>log ... { debug, trace, info, ... }</c>).</summary>
[Flags]
public enum LogClasses
{
    None = 0,
    Debug = 1,
    Trace = 2,
    Info = 4,
    Remote = 8,
    Warning = 16,
    Error = 32,
    Auth = 64,
    Fatal = 128,
    Bug = 256,
    All = Debug | Trace | Info | Remote | Warning | Error | Auth | Fatal | Bug,
}
