using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    /// <summary>Checks a value against a declared type; constants are promoted (IPv4 to quad, [] to prefix set).</summary>
    private CExpr Coerce(CExpr e, FilterType want, string what)
    {
        if (e.Type == want) return e;
        if (PromoteConst(e, want) is { } promoted) return promoted;
        if (e.Type is { } have && have != FilterType.Void && !(want == FilterType.Quad && have == FilterType.Ip) && !(want == FilterType.PrefixSet && have == FilterType.Set))
            return TypeError(e.Pos, $"{what} of incompatible type: {want.Name()} expected, got {have.Name()}");
        var f = e.Fn;
        var pos = e.Pos;
        return new CExpr
        {
            Fn = ctx => Convert(f(ctx), want, pos, what),
            Pos = pos,
            Type = want,
            Pure = e.Pure,
        };
    }

    internal static Value Convert(in Value v, FilterType want, SourcePos pos, string what)
    {
        if (v.Type == want || v.Type == FilterType.Void) return v;
        if (want == FilterType.Quad && v.IsIp4) return Value.Quad((uint)v.Wide);
        if (want == FilterType.PrefixSet && v.Type == FilterType.Set && v.AsSet.IsEmpty) return Value.PrefixSet(PrefixSet.Empty);
        throw Runtime(pos, $"{what} of incompatible type: {want.Name()} expected, got {v.Type.Name()}");
    }

    /// <summary>Pushes a frame, runs the function, pops it; the body's flow is returned to the caller.</summary>
    private (Func<FilterContext, Flow> Run, CompiledFunction Fn, bool Pure) CompileInvocation(FunctionCall call)
    {
        var fn = GetFunction(call.Name, call.Pos);
        if (call.Args.Count != fn.ParamTypes.Length)
            throw Error(call.Pos, $"Function {call.Name} takes {fn.ParamTypes.Length} argument(s), {call.Args.Count} given");
        var compiled = call.Args.Select((a, i) => Coerce(CompileExpr(a), fn.ParamTypes[i]!.Value, $"Argument {i + 1} of {call.Name}")).ToArray();
        var args = compiled.Select(c => c.Fn).ToArray();
        var pure = compiled.All(c => c.Pure);
        var pos = call.Pos;
        Flow Run(FilterContext ctx)
        {
            if (args.Length == 0 && fn.FrameSize == 0)
            {
                // No arguments, no locals: no frame to set up (Calico's apply_communities(), calico_aggr()).
                ctx.Enter(pos);
                var result = fn.Body(ctx);
                ctx.Depth--;
                return result;
            }
            var baseSlot = ctx.Sp;
            var size = fn.FrameSize;
            ctx.EnsureCapacity(baseSlot + Math.Max(size, args.Length) + 1);
            for (var i = 0; i < args.Length; i++)
            {
                var v = args[i](ctx);
                ctx.Stack[baseSlot + i] = v;
                ctx.Sp = baseSlot + i + 1;
            }
            for (var i = args.Length; i < size; i++) ctx.Stack[baseSlot + i] = Value.Void;
            var savedFp = ctx.Fp;
            ctx.Fp = baseSlot;
            ctx.Sp = baseSlot + size;
            ctx.Enter(pos);
            // ReturnValue is only read after a Flow.Return, which always sets it: no reset here.
            // No try/finally: an error or a terminating accept/reject abandons the whole run,
            // and the context is reset before the next one.
            var flow = fn.Body(ctx);
            ctx.Depth--;
            ctx.Fp = savedFp;
            ctx.Sp = baseSlot;
            return flow;
        }
        return (Run, fn, pure);
    }

    private CExpr CompileCall(FunctionCall call)
    {
        var (run, fn, pure) = CompileInvocation(call);
        return new CExpr
        {
            Fn = ctx =>
            {
                var flow = run(ctx);
                if (flow is Flow.Accept or Flow.Reject or Flow.Quit) throw new FilterTerminateException(flow);
                var v = flow == Flow.Return ? ctx.ReturnValue : Value.Void;
                ctx.ReturnValue = Value.Void;
                return v;
            },
            Pos = call.Pos,
            Type = fn.ReturnType,
            Pure = pure,
        };
    }
}
