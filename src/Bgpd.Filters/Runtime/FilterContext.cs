using System.Text;
using Bgpd.Config;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Runtime;

/// <summary>How a statement ended.</summary>
public enum Flow : byte { Next, Return, Accept, Reject, Quit }

/// <summary>An error while running a filter (BIRD's <c>runtime(...)</c>): the route is rejected and the message logged.</summary>
public sealed class FilterRuntimeException(SourcePos pos, string message) : Exception(message)
{
    public SourcePos Pos { get; } = pos;
}

/// <summary>Thrown to unwind a function called inside an expression that accepted or rejected the route.</summary>
internal sealed class FilterTerminateException(Flow flow) : Exception
{
    public Flow Flow { get; } = flow;
}

/// <summary>Result of one <c>bt_assert</c>.</summary>
public readonly record struct AssertResult(SourcePos Pos, bool Passed);

/// <summary>Where filter output goes: <c>print</c> lines and <c>bt_assert</c> results.</summary>
public sealed class FilterOutput
{
    public static readonly FilterOutput Silent = new();

    /// <summary>Receives each completed <c>print</c> line (BIRD logs them at info level).</summary>
    public Action<string>? Print { get; init; }

    /// <summary>Receives run-time error messages (BIRD logs them as errors; the route is rejected).</summary>
    public Action<string>? Error { get; init; }

    /// <summary>Receives <c>bt_assert</c> outcomes (test runs only).</summary>
    public Action<AssertResult>? Assert { get; init; }
}

/// <summary>
/// Per-evaluation state: a value stack holding every active frame's locals (so calls and
/// recursion need no allocation), the route, the pending print line. One per thread, reused.
/// </summary>
public sealed class FilterContext
{
    private const int MaxDepth = 10_000;

    public Value[] Stack = new Value[256];
    public int Fp;
    public int Sp;
    public int Depth;
    public IFilterRoute? Route;
    public Value ReturnValue;
    public FilterOutput Output = FilterOutput.Silent;
    public readonly StringBuilder PrintBuffer = new();

    // Static attributes (net, source, ifname, ...) are fields of the route that filters test again
    // and again (Calico's calico_aggr reads net ~15 times): each is fetched once per run, and any
    // assignment to one of them drops what was fetched.
    private readonly Value[] statics = new Value[32];
    private uint staticsLoaded;

    /// <summary>Static attribute <paramref name="attribute"/> of the route, fetched on first use in a run.</summary>
    internal Value Static(RouteAttribute attribute, SourcePos pos) => StaticRef(attribute, pos);

    /// <summary>The cached static attribute itself (no copy), fetched on first use in a run.</summary>
    internal ref readonly Value StaticRef(RouteAttribute attribute, SourcePos pos)
    {
        ref var slot = ref statics[(int)attribute];
        if ((staticsLoaded & (1u << (int)attribute)) == 0) Load(attribute, pos, ref slot);
        return ref slot;
    }

    private void Load(RouteAttribute attribute, SourcePos pos, ref Value slot)
    {
        slot = (Route ?? throw new FilterRuntimeException(pos, "No route to read attributes from")).Get(attribute);
        staticsLoaded |= 1u << (int)attribute;
    }

    /// <summary>A static attribute was assigned: fetch them again.</summary>
    internal void StaticsChanged() => staticsLoaded = 0;

    public void Reset(IFilterRoute? route, FilterOutput output, int frameSize)
    {
        Route = route;
        staticsLoaded = 0;
        Output = output;
        Fp = 0;
        Sp = frameSize;
        Depth = 0;
        ReturnValue = Value.Void;
        PrintBuffer.Clear();
        if (frameSize == 0) return;
        EnsureCapacity(frameSize);
        Stack.AsSpan(0, frameSize).Clear();
    }

    public void EnsureCapacity(int size)
    {
        if (size > Stack.Length) Array.Resize(ref Stack, Math.Max(size, Stack.Length * 2));
    }

    public void Enter(SourcePos pos)
    {
        if (++Depth > MaxDepth) throw new FilterRuntimeException(pos, "Function recursion too deep");
    }

    public void FlushPrint()
    {
        if (PrintBuffer.Length == 0) return;
        Output.Print?.Invoke(PrintBuffer.ToString());
        PrintBuffer.Clear();
    }

    [ThreadStatic] private static FilterContext? current;

    /// <summary>The calling thread's context; a nested run (a filter evaluated from a filter) gets a fresh one.</summary>
    internal static FilterContext Rent()
    {
        var ctx = current ?? new FilterContext();
        current = null;
        return ctx;
    }

    internal static void Return(FilterContext ctx)
    {
        ctx.Route = null;
        current = ctx;
    }
}
