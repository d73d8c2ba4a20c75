namespace Bgpd.Config;

/// <summary>
/// A place in a config file as BIRD counts it: 1-based line, 1-based column (a tab counts as one
/// column). Positions never take part in the structural equality of AST nodes or protocol configs,
/// so moving a filter down a line does not count as a change on <c>configure</c>.
/// </summary>
public readonly record struct SourcePos(string File, int Line, int Column)
{
    /// <summary>A position for nodes built in code rather than parsed (defaults, tests).</summary>
    public static readonly SourcePos None = new("", 0, 0);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
