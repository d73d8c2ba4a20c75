namespace Bgpd.Config.Filters;

/// <summary><c>filter NAME [locals] { body }</c>; an inline <c>filter { ... }</c> has a null Name.</summary>
public sealed record FilterDef(SourcePos Pos, string? Name, ValueList<VarDecl> Locals, BlockStmt Body) : FilterNode(Pos);

/// <summary><c>function NAME(params) [locals] { body }</c>; <see cref="ReturnType"/> is the 2.x <c>-&gt; type</c> if given.</summary>
public sealed record FunctionDef(SourcePos Pos, string Name, ValueList<VarDecl> Parameters, ValueList<VarDecl> Locals, BlockStmt Body, TypeSpec? ReturnType) : FilterNode(Pos);

/// <summary><c>define NAME = expr;</c> (a constant; BIRD evaluates it when parsing).</summary>
public sealed record ConstantDef(SourcePos Pos, string Name, FilterExpr Value) : FilterNode(Pos);

/// <summary>2.x <c>attribute TYPE NAME;</c>: a custom route attribute.</summary>
public sealed record AttributeDef(SourcePos Pos, TypeSpec Type, string Name) : FilterNode(Pos);

/// <summary>How a channel/protocol filters routes in one direction.</summary>
public abstract record FilterRef(SourcePos Pos) : FilterNode(Pos);

/// <summary><c>import all</c> / accept everything.</summary>
public sealed record FilterAll(SourcePos Pos) : FilterRef(Pos);

/// <summary><c>import none</c> / reject everything.</summary>
public sealed record FilterNone(SourcePos Pos) : FilterRef(Pos);

/// <summary><c>import filter NAME</c>: a top-level <c>filter</c> by name.</summary>
public sealed record FilterNamed(SourcePos Pos, string Name) : FilterRef(Pos);

/// <summary><c>import filter { ... }</c>: an anonymous filter.</summary>
public sealed record FilterInline(SourcePos Pos, FilterDef Filter) : FilterRef(Pos);

/// <summary><c>import where EXPR</c>: accept when EXPR is true, else reject.</summary>
public sealed record FilterWhere(SourcePos Pos, FilterExpr Condition) : FilterRef(Pos);
