namespace Bgpd.Config.Filters;

/// <summary>A filter statement (BIRD's <c>cmd</c>).</summary>
public abstract record FilterStmt(SourcePos Pos) : FilterNode(Pos);

/// <summary><c>{ stmts }</c>, also the body of filters and functions.</summary>
public sealed record BlockStmt(SourcePos Pos, ValueList<FilterStmt> Statements) : FilterStmt(Pos);

/// <summary><c>if c then s [else s]</c>.</summary>
public sealed record IfStmt(SourcePos Pos, FilterExpr Condition, FilterStmt Then, FilterStmt? Else) : FilterStmt(Pos);

/// <summary><c>case e { labels: stmts ... else: stmts }</c>.</summary>
public sealed record CaseStmt(SourcePos Pos, FilterExpr Subject, ValueList<CaseArm> Arms, ValueList<FilterStmt>? Else) : FilterStmt(Pos);

/// <summary>One <c>case</c> arm: comma-separated labels (values, ranges, patterns) and its statements.</summary>
public sealed record CaseArm(SourcePos Pos, ValueList<SetItem> Labels, ValueList<FilterStmt> Body) : FilterNode(Pos);

/// <summary>2.x <c>for [type] v in e do s</c>; <see cref="VarType"/> is null when the variable is an existing local.</summary>
public sealed record ForStmt(SourcePos Pos, TypeSpec? VarType, string Variable, FilterExpr Source, FilterStmt Body) : FilterStmt(Pos);

/// <summary><c>return [e];</c>.</summary>
public sealed record ReturnStmt(SourcePos Pos, FilterExpr? Value) : FilterStmt(Pos);

/// <summary>Statements that end filter evaluation.</summary>
public enum BreakKind { Accept, Reject, Error, Quitbird }

/// <summary><c>accept|reject|error|quitbird [args];</c>; the args are printed first (BIRD's <c>print_list</c>).</summary>
public sealed record BreakStmt(SourcePos Pos, BreakKind Kind, ValueList<FilterExpr> Messages) : FilterStmt(Pos);

/// <summary><c>print a, b;</c> (NewLine) or <c>printn a, b;</c>.</summary>
public sealed record PrintStmt(SourcePos Pos, bool NewLine, ValueList<FilterExpr> Values) : FilterStmt(Pos);

/// <summary><c>target = value;</c> where target is a <see cref="SymbolRef"/> (variable) or an <see cref="AttributeRef"/>.</summary>
public sealed record AssignStmt(SourcePos Pos, FilterExpr Target, FilterExpr Value) : FilterStmt(Pos);

/// <summary><c>unset(attr);</c>.</summary>
public sealed record UnsetStmt(SourcePos Pos, AttributeRef Attribute) : FilterStmt(Pos);

/// <summary>
/// Attribute update sugar <c>attr.add(x); attr.delete(x); attr.filter(s); attr.prepend(a); attr.empty;</c>
/// meaning <c>attr = op(attr, x)</c>; also 2.x on local variables (Target is then a SymbolRef).
/// </summary>
public sealed record UpdateStmt(SourcePos Pos, FilterExpr Target, string Method, ValueList<FilterExpr> Args) : FilterStmt(Pos);

/// <summary>A function call used as a statement: <c>f(x);</c> (the result is ignored; a called function's accept/reject ends the filter).</summary>
public sealed record CallStmt(SourcePos Pos, FunctionCall Call) : FilterStmt(Pos);

/// <summary>2.x declaration inside a block: <c>int x = 5;</c> (<see cref="Init"/> null when only declared).</summary>
public sealed record DeclStmt(SourcePos Pos, VarDecl Variable, FilterExpr? Init) : FilterStmt(Pos);

/// <summary>2.x test helper <c>bt_assert(e);</c> (a failed assertion is reported, evaluation goes on).</summary>
public sealed record BtAssertStmt(SourcePos Pos, FilterExpr Condition) : FilterStmt(Pos);

/// <summary>2.x <c>bt_check_assign(a, b);</c>-style test helpers kept generically: name and args.</summary>
public sealed record BtCallStmt(SourcePos Pos, string Name, ValueList<FilterExpr> Args) : FilterStmt(Pos);
