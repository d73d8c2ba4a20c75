using Bgpd.Filters.Compiler;
using Bgpd.Filters.Compiler.Tree;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters;

/// <summary>What a filter decided for a route.</summary>
public enum FilterResult : byte
{
    Accept,
    Reject,
    /// <summary>A run-time error (logged); the route is rejected, as in BIRD.</summary>
    Error,
    /// <summary>1.6 <c>quitbird</c>: the filter asked the daemon to stop.</summary>
    Quit,
}

/// <summary>
/// A filter ready to run on routes: a named <c>filter</c>, an inline <c>filter { }</c>, a
/// <c>where</c> condition, or <c>all</c>/<c>none</c>. Thread-safe: each thread runs with its own
/// reusable context, and an evaluation on the common path allocates nothing.
/// </summary>
public sealed class CompiledFilter
{
    private readonly StmtFn? body;
    private readonly int frameSize;
    private readonly FilterResult constant;
    private readonly FilterOutput output;

    /// <summary>How BIRD names it in <c>show protocols all</c>: the filter's name, <c>ACCEPT</c>, <c>REJECT</c> or <c>(unnamed)</c>.</summary>
    public string DisplayName { get; }

    internal CompiledFilter(string displayName, StmtFn body, int frameSize, FilterOutput output)
    {
        DisplayName = displayName;
        this.body = body;
        this.frameSize = frameSize;
        this.output = output;
    }

    private CompiledFilter(string displayName, FilterResult constant)
    {
        DisplayName = displayName;
        this.constant = constant;
        output = FilterOutput.Silent;
    }

    public static readonly CompiledFilter AcceptAll = new("ACCEPT", FilterResult.Accept);
    public static readonly CompiledFilter RejectAll = new("REJECT", FilterResult.Reject);

    /// <summary>True for <c>all</c>/<c>none</c>, which need no route access at all.</summary>
    public bool IsConstant => body is null;

    // The specialising backend (expression trees, one method per filter), when this filter has one.
    private Func<CompiledTree>? treeFactory;
    private volatile CompiledTree? tree;
    private int runsUntilTree;
    private int treeRequested;

    /// <summary>True once the filter runs as one compiled method (the specialising backend).</summary>
    public bool UsesTree => tree != null;

    /// <summary>
    /// True when the tree runs as JIT-compiled code. System.Linq.Expressions falls back to its
    /// interpreter where dynamic code is not supported (it would be far slower than the closures).
    /// </summary>
    public bool TreeIsCompiledCode => tree is { } t && t.Fn.Target?.GetType().FullName != "System.Linq.Expressions.Interpreter.LightLambda";

    /// <summary>Why the specialising backend left this filter to the closures (null when it did not, or was not asked yet).</summary>
    public string? TreeFallbackReason { get; private set; }

    /// <summary>Runs on closures now; after <paramref name="runs"/> runs (0: now, on this thread) compiles the tree.</summary>
    internal void AttachTree(Func<CompiledTree> factory, int runs)
    {
        treeFactory = factory;
        runsUntilTree = runs;
        if (runs == 0) CompileTree();
    }

    /// <summary>Compiles the tree now, on this thread, unless it was already requested (see <see cref="FilterProgram.CompileTreesInBackground"/>).</summary>
    internal void CompileTreeNow() => CompileTree();

    private void CompileTree()
    {
        if (Interlocked.Exchange(ref treeRequested, 1) != 0 || treeFactory is not { } factory) return;
        try
        {
            tree = factory();
        }
        catch (TreeUnsupportedException e)
        {
            TreeFallbackReason = e.Message;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // A construct the tree builder got wrong: the closures are the reference, keep them.
            TreeFallbackReason = $"tree compilation failed: {e.Message}";
        }
    }

    /// <summary>Runs the filter; <paramref name="quiet"/> drops its print lines and error messages (a check, not a real run).</summary>
    public FilterResult Run(IFilterRoute route, bool quiet = false)
    {
        if (body is null) return constant;
        var t = tree;
        if (t is null && runsUntilTree > 0 && Interlocked.Decrement(ref runsUntilTree) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(static f => f.CompileTree(), this, preferLocal: false);
        if (t is { NeedsContext: false }) return RunWithoutContext(t.Fn, route, quiet ? FilterOutput.Silent : output);
        var ctx = FilterContext.Rent();
        var result = Run(ctx, route, t, quiet ? FilterOutput.Silent : output);
        // Not in a finally: after an unexpected exception the next run simply gets a fresh context.
        FilterContext.Return(ctx);
        return result;
    }

    /// <summary>A tree that prints nothing and embeds no closure needs no context: nothing to rent or reset.</summary>
    private FilterResult RunWithoutContext(TreeFn fn, IFilterRoute route, FilterOutput output)
    {
        try
        {
            return Decide(fn(null, route), output);
        }
        catch (FilterTerminateException terminate)
        {
            return Terminated(terminate);
        }
        catch (FilterRuntimeException e)
        {
            output.Error?.Invoke($"filters, line {e.Pos.Line}: {e.Message}");
            return FilterResult.Error;
        }
    }

    private FilterResult Run(FilterContext ctx, IFilterRoute route, CompiledTree? t, FilterOutput output)
    {
        FilterResult result;
        try
        {
            Flow flow;
            if (t != null)
            {
                ctx.Reset(route, output, 0);
                flow = t.Fn(ctx, route);
            }
            else
            {
                ctx.Reset(route, output, frameSize);
                flow = body!(ctx);
            }
            result = Decide(flow, output);
        }
        catch (FilterTerminateException terminate)
        {
            result = Terminated(terminate);
        }
        catch (FilterRuntimeException e)
        {
            output.Error?.Invoke($"filters, line {e.Pos.Line}: {e.Message}");
            result = FilterResult.Error;
        }
        ctx.FlushPrint();
        return result;
    }

    private FilterResult Decide(Flow flow, FilterOutput output) => flow switch
    {
        Flow.Accept => FilterResult.Accept,
        Flow.Reject => FilterResult.Reject,
        Flow.Quit => FilterResult.Quit,
        _ => NoDecision(output),
    };

    private static FilterResult Terminated(FilterTerminateException terminate) =>
        terminate.Flow switch { Flow.Accept => FilterResult.Accept, Flow.Quit => FilterResult.Quit, _ => FilterResult.Reject };

    private FilterResult NoDecision(FilterOutput output)
    {
        output.Error?.Invoke($"Filter {DisplayName} did not return accept nor reject. Make up your mind");
        return FilterResult.Error;
    }
}

/// <summary>
/// The value of an evaluated expression (<c>eval</c>), or the error that stopped it: a run-time
/// error (BIRD's reply 8008 "runtime error"), or with <see cref="IsParseError"/> a syntax/type error.
/// </summary>
public readonly record struct EvalResult(Value Value, string? Error, bool IsParseError = false)
{
    public bool Ok => Error is null;
    /// <summary>The value as BIRD prints it.</summary>
    public string Text => Error ?? ValuePrinter.Format(Value);
}
