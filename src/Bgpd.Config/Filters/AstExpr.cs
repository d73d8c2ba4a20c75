using Bgpd.Net;

namespace Bgpd.Config.Filters;

/// <summary>An expression (BIRD's <c>term</c>).</summary>
public abstract record FilterExpr(SourcePos Pos) : FilterNode(Pos);

/// <summary>Integer literal (decimal or 0x hex), 0..2^32-1 in BIRD; no unary minus exists.</summary>
public sealed record IntLiteral(SourcePos Pos, long Value) : FilterExpr(Pos);

/// <summary><c>true/false/on/off/yes/no</c>.</summary>
public sealed record BoolLiteral(SourcePos Pos, bool Value) : FilterExpr(Pos);

/// <summary>A "string" literal (no escapes, as in BIRD's lexer).</summary>
public sealed record StringLiteral(SourcePos Pos, string Value) : FilterExpr(Pos);

/// <summary>IPv4/IPv6 address literal; an IPv4 literal also serves as a quad (router id, cluster id) by context.</summary>
public sealed record IpLiteral(SourcePos Pos, IpAddress Value) : FilterExpr(Pos);

/// <summary>Prefix literal <c>10.0.0.0/8</c> (host bits are rejected by the parser, as BIRD does).</summary>
public sealed record PrefixLiteral(SourcePos Pos, Prefix Value) : FilterExpr(Pos);

/// <summary>2.x route distinguisher literal <c>A:B</c> (also <c>A.B.C.D:N</c>), packed as BIRD packs it.</summary>
public sealed record RdLiteral(SourcePos Pos, ulong Value, string Text) : FilterExpr(Pos);

/// <summary>Pair constructor <c>(a, b)</c>; components are expressions evaluated at run time.</summary>
public sealed record PairExpr(SourcePos Pos, FilterExpr First, FilterExpr Second) : FilterExpr(Pos);

/// <summary>Extended community kinds in <c>(kind, a, b)</c>.</summary>
public enum EcKind { Rt, Ro, Generic, Unknown }

/// <summary>Extended community constructor <c>(rt|ro|generic|unknown N, a, b)</c>; <see cref="UnknownType"/> is N for <c>unknown N</c>.</summary>
public sealed record EcExpr(SourcePos Pos, EcKind Kind, long UnknownType, FilterExpr Asn, FilterExpr Value) : FilterExpr(Pos);

/// <summary>Large community constructor <c>(a, b, c)</c>.</summary>
public sealed record LcExpr(SourcePos Pos, FilterExpr Global, FilterExpr Data1, FilterExpr Data2) : FilterExpr(Pos);

/// <summary>Kinds of empty-collection literal.</summary>
public enum EmptyKind { Path, Clist, Eclist, Lclist }

/// <summary><c>+empty+</c> (path), <c>-empty-</c> (clist), <c>--empty--</c> (eclist), <c>---empty---</c> (lclist).</summary>
public sealed record EmptyLiteral(SourcePos Pos, EmptyKind Kind) : FilterExpr(Pos);

/// <summary>A set literal <c>[ ... ]</c>; element type is inferred by the checker from its items.</summary>
public sealed record SetLiteral(SourcePos Pos, ValueList<SetItem> Items) : FilterExpr(Pos);

/// <summary>AS path mask <c>[= ... =]</c>, or 1.6's old <c>/ ... /</c> form (<see cref="OldSyntax"/>).</summary>
public sealed record PathMaskLiteral(SourcePos Pos, ValueList<PathMaskItem> Items, bool OldSyntax) : FilterExpr(Pos);

/// <summary>An enum constant such as <c>RTS_BGP</c>, <c>SCOPE_LINK</c>, <c>RTD_BLACKHOLE</c>, <c>NET_IP4</c>, <c>ORIGIN_IGP</c>.</summary>
public sealed record EnumLiteral(SourcePos Pos, string Name) : FilterExpr(Pos);

/// <summary>A named value: local variable, function parameter or <c>define</c>d constant (resolved by the checker).</summary>
public sealed record SymbolRef(SourcePos Pos, string Name) : FilterExpr(Pos);

/// <summary>Where a route attribute comes from.</summary>
public enum AttributeKind
{
    /// <summary>Fields of the route itself: net, from, gw, proto, source, scope, dest, ifname, ifindex, preference, weight...</summary>
    Static,
    /// <summary><c>bgp_*</c> path attributes.</summary>
    Bgp,
    /// <summary><c>krt_*</c> kernel attributes (incl. Calico's <c>krt_tunnel</c>).</summary>
    Kernel,
    /// <summary>2.x <c>attribute TYPE name;</c> declarations.</summary>
    Custom,
    /// <summary>Attributes of protocols bgpd does not run (<c>ospf_*</c>, <c>rip_*</c>, <c>babel_*</c>).</summary>
    Other,
}

/// <summary>A route attribute read or written by name (<c>net</c>, <c>bgp_path</c>, <c>krt_metric</c>...).</summary>
public sealed record AttributeRef(SourcePos Pos, string Name, AttributeKind Kind) : FilterExpr(Pos);

/// <summary>Unary operators.</summary>
public enum UnaryOp { Not }

/// <summary><c>! x</c>.</summary>
public sealed record UnaryExpr(SourcePos Pos, UnaryOp Op, FilterExpr Operand) : FilterExpr(Pos);

/// <summary>Binary operators (<c>~</c> is <see cref="Match"/>, <c>!~</c> is <see cref="NotMatch"/>).</summary>
public enum BinaryOp { Add, Sub, Mul, Div, And, Or, Eq, Ne, Lt, Le, Gt, Ge, Match, NotMatch }

/// <summary><c>a OP b</c>; the position is the operator's left operand.</summary>
public sealed record BinaryExpr(SourcePos Pos, BinaryOp Op, FilterExpr Left, FilterExpr Right) : FilterExpr(Pos);

/// <summary><c>defined(attr)</c>.</summary>
public sealed record DefinedExpr(SourcePos Pos, FilterExpr Operand) : FilterExpr(Pos);

/// <summary>
/// <c>target.name</c> or <c>target.name(args)</c>: properties (<c>len ip mask first last
/// last_nonaggregated asn data data1 data2 type is_v4 maxlen min max src dst rd empty</c>) and
/// methods (<c>mask(n)</c>, 2.x <c>add delete filter prepend</c> as expressions).
/// </summary>
public sealed record MethodCall(SourcePos Pos, FilterExpr Target, string Name, ValueList<FilterExpr> Args, bool HasParens) : FilterExpr(Pos);

/// <summary>Call of a user <c>function</c> by name.</summary>
public sealed record FunctionCall(SourcePos Pos, string Name, ValueList<FilterExpr> Args) : FilterExpr(Pos);

/// <summary>Built-in functions called with function syntax.</summary>
public enum BuiltinFunction { Prepend, Add, Delete, Filter, RoaCheck, Format, FromHex }

/// <summary><c>prepend(p,a)</c>, <c>add(c,x)</c>, <c>delete(c,x)</c>, <c>filter(c,s)</c>, <c>roa_check(t[,n,asn])</c>, 2.x <c>format(x)</c>.</summary>
public sealed record BuiltinCall(SourcePos Pos, BuiltinFunction Function, ValueList<FilterExpr> Args) : FilterExpr(Pos);

/// <summary>2.x flowspec literal <c>flow4 { dst 10.0.0.0/8; ... }</c>, kept as its token text (bgpd has no flowspec).</summary>
public sealed record FlowLiteral(SourcePos Pos, bool IsV6, string Text) : FilterExpr(Pos);

/// <summary>2.x ROA net literal <c>10.0.0.0/16 max 24 as 1234</c>.</summary>
public sealed record RoaLiteral(SourcePos Pos, Prefix Prefix, int MaxLength, long Asn) : FilterExpr(Pos);

/// <summary>2.x VPN net literal <c>RD prefix</c>, e.g. <c>0:1:2 10.1.10.0/24</c>.</summary>
public sealed record VpnPrefixLiteral(SourcePos Pos, ulong Rd, Prefix Prefix) : FilterExpr(Pos);
