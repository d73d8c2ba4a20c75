using Bgpd.Filters.Compiler;
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

    public FilterResult Run(IFilterRoute route)
    {
        if (body is null) return constant;
        var ctx = FilterContext.Rent();
        var result = Run(ctx, route);
        // Not in a finally: after an unexpected exception the next run simply gets a fresh context.
        FilterContext.Return(ctx);
        return result;
    }

    private FilterResult Run(FilterContext ctx, IFilterRoute route)
    {
        ctx.Reset(route, output, frameSize);
        FilterResult result;
        try
        {
            result = body!(ctx) switch
            {
                Flow.Accept => FilterResult.Accept,
                Flow.Reject => FilterResult.Reject,
                Flow.Quit => FilterResult.Quit,
                _ => NoDecision(),
            };
        }
        catch (FilterTerminateException t)
        {
            result = t.Flow switch { Flow.Accept => FilterResult.Accept, Flow.Quit => FilterResult.Quit, _ => FilterResult.Reject };
        }
        catch (FilterRuntimeException e)
        {
            output.Error?.Invoke($"filters, line {e.Pos.Line}: {e.Message}");
            result = FilterResult.Error;
        }
        ctx.FlushPrint();
        return result;
    }

    private FilterResult NoDecision()
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
