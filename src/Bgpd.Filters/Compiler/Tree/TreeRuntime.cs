using System.Reflection;
using System.Runtime.CompilerServices;
using Bgpd.Config;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Rib.Filtering;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>
/// Small helpers the generated trees call. The language's rules stay in the closure compiler's
/// helpers (<see cref="Compiler.IntOf"/>, <see cref="Compiler.Compare"/>, ...); these only give the
/// tree fast paths with primitive arguments, which the JIT inlines into the compiled method.
/// </summary>
internal static class TreeRuntime
{
    /// <summary>The RIB's editor behind the route, for direct typed access (null for other routes).</summary>
    public static RouteEditor? EditorOf(IFilterRoute? route) => (route as RouteEditorRoute)?.Editor;

    /// <summary>A static attribute changed: the context's cache (used by embedded closures) is stale; no context, no cache.</summary>
    public static void StaticsChanged(FilterContext? ctx) => ctx?.StaticsChanged();

    public static Value Get(IFilterRoute? route, RouteAttribute id, string? custom, SourcePos pos) =>
        (route ?? throw Compiler.Runtime(pos, "No route to read attributes from")).Get(id, custom);

    /// <summary><see cref="Get"/> into the caller's variable; not inlined, so the tree's frame has no temporary for it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void GetInto(IFilterRoute? route, RouteAttribute id, string? custom, SourcePos pos, ref Value into) =>
        into = Get(route, id, custom, pos);

    public static void Set(IFilterRoute? route, RouteAttribute id, in Value v, string? custom, SourcePos pos) =>
        (route ?? throw Compiler.Runtime(pos, "No route to set attributes on")).Set(id, v, custom);

    public static void Unset(IFilterRoute? route, RouteAttribute id, string? custom, SourcePos pos) =>
        (route ?? throw Compiler.Runtime(pos, "No route to unset attributes on")).Unset(id, custom);

    public static void Assert(FilterContext ctx, in Value v, SourcePos pos) =>
        ctx.Output.Assert?.Invoke(new AssertResult(pos, v.Type == FilterType.Bool && v.AsBool));

    /// <summary>The items a <c>for</c> loop walks (BIRD 2): ASNs of a path, members of a community list.</summary>
    public static Value[] Items(in Value list, SourcePos pos)
    {
        switch (list.Type)
        {
            case FilterType.Path:
                return list.AsPath.Segments.SelectMany(s => s.Asns).Select(Value.Int).ToArray();
            case FilterType.Clist:
                return list.AsClist.Select(Value.PairRaw).ToArray();
            case FilterType.EcList:
                return list.AsEcList.Select(Value.Ec).ToArray();
            case FilterType.LcList:
                return list.AsLcList.Select(Value.Lc).ToArray();
            default:
                throw Compiler.Runtime(pos, $"Can't iterate over {list.Type.Name()}");
        }
    }

    /// <summary>Opens a frame of <paramref name="size"/> slots for a closure with holes; returns the caller's frame pointer.</summary>
    public static int EnterHoles(FilterContext ctx, int size)
    {
        var saved = ctx.Fp;
        ctx.EnsureCapacity(ctx.Sp + size + 1);
        ctx.Fp = ctx.Sp;
        ctx.Sp += size;
        ctx.Stack.AsSpan(ctx.Fp, size).Clear();
        return saved;
    }

    public static void SetHole(FilterContext ctx, int slot, in Value v) => ctx.Stack[ctx.Fp + slot] = v;

    public static void LeaveHoles(FilterContext ctx, int savedFp, int size)
    {
        ctx.Sp -= size;
        ctx.Fp = savedFp;
    }

    public static bool PrefixEquals(in Value v, bool v6, byte len, ulong hi, ulong lo) =>
        v.Type == FilterType.Prefix && v.V6 == v6 && v.Len == len && (ulong)v.Wide == lo && (ulong)(v.Wide >> 64) == hi;

    /// <summary><c>v ~ N</c> for a prefix <c>v</c>: same family, at least as long, same leading bits.</summary>
    public static bool PrefixWithin(in Value v, bool v6, byte len, ulong maskHi, ulong maskLo, ulong hi, ulong lo)
    {
        var w = v.Wide;
        return v.V6 == v6 && v.Len >= len && ((ulong)w & maskLo) == lo && ((ulong)(w >> 64) & maskHi) == hi;
    }

    public static bool InPrefixSet(in Value v, PrefixSet set) => set.Matches(v.V6, v.Wide, v.Len);

    public static bool InSet(in Value v, in Value set) => ValueOps.Match(v, set) == true;

    public static uint IntFail(in Value v, SourcePos pos, string what) => Compiler.IntOf(v, pos, what);

    public static uint Divide(uint a, uint d, SourcePos pos) =>
        d == 0 ? throw Compiler.Runtime(pos, "Mother told me not to divide by 0") : a / d;

    public static bool Not(in Value v, SourcePos pos) =>
        v.Type == FilterType.Bool ? !v.AsBool : throw Compiler.Runtime(pos, "! applied to non-bool");

    /// <summary>A community-list attribute: BIRD reads a missing one as an empty list.</summary>
    public static Value OrEmpty(in Value v, in Value empty) => v.IsVoid ? empty : v;

    public static void Print(FilterContext ctx, in Value v) => ValuePrinter.Append(ctx.PrintBuffer, v);

    public static void PrintLine(FilterContext ctx)
    {
        ctx.Output.Print?.Invoke(ctx.PrintBuffer.ToString());
        ctx.PrintBuffer.Clear();
    }

    /// <summary>BIRD's <c>error</c> statement: what was printed becomes the message.</summary>
    public static Exception ErrorStatement(FilterContext ctx, SourcePos pos)
    {
        var message = ctx.PrintBuffer.ToString();
        ctx.PrintBuffer.Clear();
        return Compiler.Runtime(pos, message.Length > 0 ? message : "Error");
    }

    public static Exception Terminate(Flow flow) => new FilterTerminateException(flow);

    public static MethodInfo Method(string name) =>
        typeof(TreeRuntime).GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(nameof(TreeRuntime), name);
}
