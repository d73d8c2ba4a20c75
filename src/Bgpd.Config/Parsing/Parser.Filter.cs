using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    /// <summary>Local scopes (parameters, locals, 2.x declarations), innermost last.</summary>
    private readonly List<Dictionary<string, TypeSpec>> scopes = [];

    private bool IsVariable(string name) => scopes.Any(s => s.ContainsKey(name));

    private void DeclareLocal(Token name, TypeSpec type)
    {
        if (scopes.Count == 0) throw SyntaxError(name);
        if (!scopes[^1].TryAdd(name.Text, type)) throw Error(name, "Symbol already defined");
    }

    private void ParseFilterDefinition()
    {
        var start = ExpectWord("filter");
        var name = ExpectName();
        DefineSymbolAtName(name, SymbolKind.Filter);
        var def = ParseFilterBodyWithLocals(start, name.Text);
        symbols.SetDefinition(name.Text, def);
        filters.Add(def);
    }

    /// <summary><c>[type name; ...] { cmds }</c> (BIRD's <c>function_body</c>) in a fresh scope.</summary>
    private FilterDef ParseFilterBodyWithLocals(Token start, string? name)
    {
        scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
        try
        {
            var locals = ParseLocalDecls();
            var body = ParseBlock();
            return new FilterDef(start.Pos, name, locals, body);
        }
        finally
        {
            scopes.RemoveAt(scopes.Count - 1);
        }
    }

    /// <summary>Filters and functions are defined in a mid-rule action: a clash is reported at the name itself.</summary>
    private void DefineSymbolAtName(Token name, SymbolKind kind)
    {
        if (!symbols.TryAdd(new ConfigSymbol(name.Text, kind, name.Pos))) throw Error(name, "Symbol already defined");
    }

    private ValueList<VarDecl> ParseLocalDecls()
    {
        var locals = new List<VarDecl>();
        while (IsTypeStart())
        {
            var typeToken = Peek();
            var type = ParseType();
            var name = ExpectName();
            DeclareLocal(name, type);
            locals.Add(new VarDecl(typeToken.Pos, type, name.Text));
            ExpectSemicolon();
        }
        return locals.ToValueList();
    }

    private void ParseFunctionDefinition()
    {
        var start = ExpectWord("function");
        var name = ExpectName();
        DefineSymbolAtName(name, SymbolKind.Function);
        scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
        try
        {
            ExpectPunct("(");
            var parameters = new List<VarDecl>();
            if (!IsPunct(")"))
            {
                do
                {
                    var typeToken = Peek();
                    var type = ParseType();
                    var paramName = ExpectName();
                    DeclareLocal(paramName, type);
                    parameters.Add(new VarDecl(typeToken.Pos, type, paramName.Text));
                } while (AcceptPunct(";") || (Bird2 && AcceptPunct(",")));
            }
            ExpectPunct(")");
            TypeSpec? returnType = null;
            if (Bird2 && IsPunct("-") && IsPunct(">", 1))
            {
                Next(); Next();
                returnType = ParseType();
            }
            // Parameters are known before the body so recursive calls can check their count.
            symbols.SetDefinition(name.Text, new FunctionDef(start.Pos, name.Text, parameters.ToValueList(), ValueList<VarDecl>.Empty, new BlockStmt(start.Pos, ValueList<FilterStmt>.Empty), returnType));
            var locals = ParseLocalDecls();
            var body = ParseBlock();
            var def = new FunctionDef(start.Pos, name.Text, parameters.ToValueList(), locals, body, returnType);
            symbols.SetDefinition(name.Text, def);
            functions.Add(def);
        }
        finally
        {
            scopes.RemoveAt(scopes.Count - 1);
        }
    }

    private static readonly Dictionary<string, FilterBaseType> TypeNames = new(StringComparer.Ordinal)
    {
        ["int"] = FilterBaseType.Int,
        ["bool"] = FilterBaseType.Bool,
        ["ip"] = FilterBaseType.Ip,
        ["prefix"] = FilterBaseType.Prefix,
        ["pair"] = FilterBaseType.Pair,
        ["quad"] = FilterBaseType.Quad,
        ["ec"] = FilterBaseType.Ec,
        ["lc"] = FilterBaseType.Lc,
        ["rd"] = FilterBaseType.Rd,
        ["string"] = FilterBaseType.String,
        ["bgpmask"] = FilterBaseType.BgpMask,
        ["bgppath"] = FilterBaseType.BgpPath,
        ["clist"] = FilterBaseType.Clist,
        ["eclist"] = FilterBaseType.Eclist,
        ["lclist"] = FilterBaseType.Lclist,
    };

    private bool IsTypeStart(int offset = 0)
    {
        var t = Peek(offset);
        return t.Kind == TokenKind.Symbol && !t.Quoted && TypeNames.ContainsKey(t.Text) && (Bird2 || t.Text != "rd");
    }

    private TypeSpec ParseType()
    {
        if (!IsTypeStart()) throw SyntaxError();
        var t = Next();
        var type = TypeNames[t.Text];
        if (!AcceptWord("set")) return new TypeSpec(type, false);
        if (type is not (FilterBaseType.Int or FilterBaseType.Pair or FilterBaseType.Quad or FilterBaseType.Ec or
            FilterBaseType.Lc or FilterBaseType.Ip or FilterBaseType.Prefix or FilterBaseType.Rd))
            throw Error(tokens.Last, "You can't create sets of this type.");
        return new TypeSpec(type, true);
    }

    /// <summary><c>all | none | filter NAME | filter { ... } | where EXPR</c>.</summary>
    private FilterRef ParseFilterRef()
    {
        var t = Peek();
        if (AcceptWord("all")) return new FilterAll(t.Pos);
        if (AcceptWord("none")) return new FilterNone(t.Pos);
        if (AcceptWord("where"))
        {
            scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
            try
            {
                return new FilterWhere(t.Pos, ParseTerm());
            }
            finally
            {
                scopes.RemoveAt(scopes.Count - 1);
            }
        }
        ExpectWord("filter");
        if (IsPunct("{") || IsTypeStart()) return new FilterInline(t.Pos, ParseFilterBodyWithLocals(t, null));
        var name = Peek();
        if (name.Kind != TokenKind.Symbol || IsKeyword(name)) throw SyntaxError();
        Next();
        if (!symbols.TryGet(name.Text, out var s) || s.Kind != SymbolKind.Filter) throw Error(name, "No such filter.");
        return new FilterNamed(t.Pos, name.Text);
    }

    private BlockStmt ParseBlock()
    {
        var open = ExpectPunct("{");
        return new BlockStmt(open.Pos, ParseStatementsUntilClose());
    }

    /// <summary>Statements up to and including the closing brace.</summary>
    private ValueList<FilterStmt> ParseStatementsUntilClose()
    {
        var statements = new List<FilterStmt>();
        scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
        try
        {
            while (!AcceptPunct("}")) statements.Add(ParseStatement());
        }
        finally
        {
            scopes.RemoveAt(scopes.Count - 1);
        }
        return statements.ToValueList();
    }
}

internal sealed partial class Parser
{
    /// <summary>An expression followed by the end of input.</summary>
    public FilterExpr ParseStandaloneExpression()
    {
        scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
        var expr = ParseTerm();
        if (Peek().Kind != TokenKind.Eof) throw SyntaxError();
        return expr;
    }

    /// <summary>A filter body followed by the end of input.</summary>
    public FilterDef ParseStandaloneFilterBody()
    {
        var def = ParseFilterBodyWithLocals(Peek(), null);
        if (Peek().Kind != TokenKind.Eof) throw SyntaxError();
        return def;
    }
}
