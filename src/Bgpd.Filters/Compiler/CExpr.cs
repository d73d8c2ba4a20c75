using Bgpd.Config;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

/// <summary>A compiled expression: evaluates against a context, returns a value.</summary>
internal delegate Value ExprFn(FilterContext ctx);

/// <summary>A compiled condition: an expression known to give a bool, evaluated without building a <see cref="Value"/>.</summary>
internal delegate bool CondFn(FilterContext ctx);

/// <summary>A compiled statement: runs, says how it ended.</summary>
internal delegate Flow StmtFn(FilterContext ctx);

/// <summary>
/// An expression after type checking: its delegate, its static type (null when only known at run
/// time, e.g. a function's result), and its constant value when it has one (constants are folded,
/// so sets and masks are built once, at config load).
/// </summary>
internal sealed class CExpr
{
    public required ExprFn Fn { get; init; }
    public required SourcePos Pos { get; init; }
    public FilterType? Type { get; init; }
    public bool IsConst { get; init; }
    public Value Const { get; init; }
    /// <summary>Reads no local variables and no route attributes, so it can be evaluated at load time.</summary>
    public bool Pure { get; init; }
    /// <summary>
    /// The same expression as a condition, for operators that always give a bool (comparisons,
    /// matches, logic, defined): <c>if</c>, <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> chain these without
    /// building values.
    /// </summary>
    public CondFn? Cond { get; init; }
    /// <summary>Set when the expression is a plain read of this static attribute (cached per run in the context).</summary>
    public RouteAttribute? StaticRead { get; init; }

    private static readonly CondFn AlwaysTrue = static _ => true;
    private static readonly CondFn AlwaysFalse = static _ => false;

    /// <summary>The condition form of a constant (null unless it is a bool).</summary>
    public static CondFn? ConstCond(in Value v) => v.Type == FilterType.Bool ? (v.AsBool ? AlwaysTrue : AlwaysFalse) : null;

    public static CExpr Constant(SourcePos pos, Value v) =>
        new() { Fn = _ => v, Pos = pos, Type = v.Type, IsConst = true, Const = v, Pure = true, Cond = ConstCond(v) };
}

/// <summary>A compiled user function; the body is filled in after compiling so recursion resolves.</summary>
internal sealed class CompiledFunction
{
    public required string Name { get; init; }
    public required SourcePos Pos { get; init; }
    public required FilterType?[] ParamTypes { get; init; }
    public FilterType? ReturnType { get; set; }
    public int FrameSize { get; set; }
    public StmtFn Body { get; set; } = _ => Flow.Next;
}

/// <summary>Local variables visible at a point: name to frame slot and declared type.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, (int Slot, FilterType Type)> names = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public void Declare(string name, int slot, FilterType type) => names[name] = (slot, type);

    public bool TryFind(string name, out (int Slot, FilterType Type) found)
    {
        for (var s = this; s != null; s = s.Parent)
            if (s.names.TryGetValue(name, out found)) return true;
        found = default;
        return false;
    }
}

/// <summary>Hands out frame slots for one function or filter body.</summary>
internal sealed class Frame
{
    public int Next;
    public int Size;

    public int Allocate()
    {
        var slot = Next++;
        if (Next > Size) Size = Next;
        return slot;
    }
}
