using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private static readonly HashSet<string> UpdateMethods = ["add", "delete", "filter", "prepend", "empty"];

    private FilterStmt ParseStatement()
    {
        var t = Peek();
        if (t.IsPunct("{") && Bird2) return ParseBlock();
        if (t.Kind != TokenKind.Symbol) throw SyntaxError();
        if (!t.Quoted)
        {
            switch (t.Text)
            {
                case "if": return ParseIf();
                case "case": return ParseCase();
                case "for" when Bird2: return ParseFor();
                case "return":
                    Next();
                    FilterExpr? value = IsPunct(";") && Bird2 ? null : ParseTerm();
                    ExpectSemicolon();
                    return new ReturnStmt(t.Pos, value);
                case "unset":
                    Next();
                    ExpectPunct("(");
                    var attr = ParseTerm();
                    if (attr is not AttributeRef attributeRef) throw SyntaxError(tokens.Last);
                    ExpectPunct(")");
                    ExpectSemicolon();
                    return new UnsetStmt(t.Pos, attributeRef);
                case "accept": return ParseBreak(BreakKind.Accept);
                case "reject": return ParseBreak(BreakKind.Reject);
                case "error": return ParseBreak(BreakKind.Error);
                case "quitbird" when !Bird2: return ParseBreak(BreakKind.Quitbird);
                case "print" or "printn":
                    Next();
                    var values = ParsePrintList();
                    ExpectSemicolon();
                    return new PrintStmt(t.Pos, t.Text == "print", values);
                case "bt_assert" when Bird2:
                    Next();
                    ExpectPunct("(");
                    var condition = ParseTerm();
                    ExpectPunct(")");
                    ExpectSemicolon();
                    return new BtAssertStmt(t.Pos, condition);
                case "bt_check_assign" when Bird2:
                    Next();
                    var args = ParseArgs();
                    ExpectSemicolon();
                    return new BtCallStmt(t.Pos, t.Text, args);
            }
            if (Bird2 && IsTypeStart()) return ParseDeclaration();
        }
        return ParseSimpleStatement(t);
    }

    /// <summary>Assignment, attribute update sugar (<c>attr.add(x);</c>) or a function call.</summary>
    private FilterStmt ParseSimpleStatement(Token t)
    {
        if (t.IsWord("preference") || IsAttributeName(t))
        {
            var target = ParseAttributeRef();
            return ParseAfterTarget(t, target, canAssign: true);
        }
        if (IsKeyword(t)) throw SyntaxError();
        if (IsPunct("(", 1))
        {
            var call = ParseFunctionCall();
            ExpectSemicolon();
            return new CallStmt(t.Pos, call);
        }
        Next();
        var isVariable = IsVariable(t.Text);
        return ParseAfterTarget(t, new SymbolRef(t.Pos, t.Text), isVariable);
    }

    private FilterStmt ParseAfterTarget(Token start, FilterExpr target, bool canAssign)
    {
        if (AcceptPunct("="))
        {
            var value = ParseTerm();
            ExpectSemicolon();
            if (!canAssign) throw Error(tokens.Last, "You may set only variables.");
            if (target is AttributeRef { Kind: AttributeKind.Static } a && a.Name != "preference" && IsReadOnlyStatic(a.Name))
                throw Error(tokens.Last, "This static attribute is read-only.");
            return new AssignStmt(start.Pos, target, value);
        }
        if (IsPunct(".") && Peek(1).Kind == TokenKind.Symbol && UpdateMethods.Contains(Peek(1).Text) &&
            (target is AttributeRef || (Bird2 && canAssign)))
        {
            Next();
            var method = Next().Text;
            var args = ValueList<FilterExpr>.Empty;
            if (method != "empty")
            {
                ExpectPunct("(");
                args = ValueList.Of(ParseTerm());
                ExpectPunct(")");
            }
            ExpectSemicolon();
            return new UpdateStmt(start.Pos, target, method, args);
        }
        if (target is AttributeRef && AcceptPunct(".")) throw SyntaxError();
        throw SyntaxError();
    }

    private static bool IsReadOnlyStatic(string name) => name is "net" or "proto" or "source" or "cast" or "ifindex";

    private FilterStmt ParseIf()
    {
        var start = ExpectWord("if");
        var condition = ParseTerm();
        ExpectWord("then");
        var then = ParseIfBranch();
        FilterStmt? otherwise = null;
        if (IsWord("else") && !IsPunct(":", 1)) // `else:` belongs to an enclosing case
        {
            Next();
            otherwise = ParseIfBranch();
        }
        return new IfStmt(start.Pos, condition, then, otherwise);
    }

    /// <summary>BIRD's <c>block</c>: one command or <c>{ cmds }</c>.</summary>
    private FilterStmt ParseIfBranch() => IsPunct("{") ? ParseBlock() : ParseStatement();

    private FilterStmt ParseCase()
    {
        var start = ExpectWord("case");
        var subject = ParseTerm();
        ExpectPunct("{");
        var arms = new List<CaseArm>();
        ValueList<FilterStmt>? otherwise = null;
        while (!AcceptPunct("}"))
        {
            if (IsWord("else"))
            {
                var elseToken = Next();
                var colon = Peek();
                // 1.6 lexes `else:` as one token; `else :` is a syntax error there.
                if (!colon.IsPunct(":") || (!Bird2 && (colon.Pos.Line != elseToken.Pos.Line || colon.Pos.Column != elseToken.Pos.Column + 4)))
                    throw SyntaxError(elseToken);
                Next();
                otherwise = ParseCaseCommands();
                continue;
            }
            var armStart = Peek();
            var labels = new List<SetItem>();
            do labels.Add(ParseSetItem()); while (AcceptPunct(","));
            ExpectPunct(":");
            arms.Add(new CaseArm(armStart.Pos, labels.ToValueList(), ParseCaseCommands()));
        }
        return new CaseStmt(start.Pos, subject, arms.ToValueList(), otherwise);
    }

    /// <summary>Commands of one case arm: up to the next label, <c>else:</c> or the closing brace.</summary>
    private ValueList<FilterStmt> ParseCaseCommands()
    {
        var statements = new List<FilterStmt>();
        while (!IsPunct("}") && !IsWord("else") && !StartsCaseLabel()) statements.Add(ParseStatement());
        return statements.ToValueList();
    }

    /// <summary>Case labels start with a literal or '(' / '[' and are followed (eventually) by ':'; statements never are.</summary>
    private bool StartsCaseLabel()
    {
        var t = Peek();
        if (t.Kind is TokenKind.Number or TokenKind.Ip or TokenKind.Rd or TokenKind.String) return true;
        if (t.Kind == TokenKind.Symbol && !t.Quoted && Keywords.IsEnum(t.Text)) return true;
        if (t.IsPunct("(") || t.IsPunct("[") || t.IsPunct("-") || t.IsPunct("+")) return LooksLikeLabel();
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t) && (IsPunct(":", 1) || IsPunct(",", 1) || IsPunct("..", 1))) return true;
        return false;
    }

    private bool LooksLikeLabel()
    {
        var depth = 0;
        for (var i = 0; i < 256; i++)
        {
            var t = Peek(i);
            if (t.Kind == TokenKind.Eof) return false;
            if (t.IsPunct("(") || t.IsPunct("[")) depth++;
            else if (t.IsPunct(")") || t.IsPunct("]")) depth--;
            else if (depth == 0 && t.IsPunct(":")) return true;
            else if (depth == 0 && (t.IsPunct(";") || t.IsPunct("{") || t.IsPunct("}") || t.IsPunct("="))) return false;
        }
        return false;
    }

    private FilterStmt ParseFor()
    {
        var start = ExpectWord("for");
        scopes.Add(new Dictionary<string, TypeSpec>(StringComparer.Ordinal));
        try
        {
            TypeSpec? type = null;
            if (IsTypeStart()) type = ParseType();
            var name = ExpectName();
            if (type is not null) DeclareLocal(name, type);
            else if (!IsVariable(name.Text)) throw Error(name, $"{name.Text}: variable expected.");
            ExpectWord("in");
            var source = ParseTerm();
            ExpectWord("do");
            var body = ParseIfBranch();
            return new ForStmt(start.Pos, type, name.Text, source, body);
        }
        finally
        {
            scopes.RemoveAt(scopes.Count - 1);
        }
    }

    private FilterStmt ParseBreak(BreakKind kind)
    {
        var start = Next();
        var messages = ParsePrintList();
        ExpectSemicolon();
        return new BreakStmt(start.Pos, kind, messages);
    }

    private ValueList<FilterExpr> ParsePrintList()
    {
        var values = new List<FilterExpr>();
        // BIRD's print_list may end with a comma: `print "a", ;`.
        while (!IsPunct(";"))
        {
            values.Add(ParseTerm());
            if (!AcceptPunct(",")) break;
        }
        return values.ToValueList();
    }

    private FilterStmt ParseDeclaration()
    {
        var typeToken = Peek();
        var type = ParseType();
        var name = ExpectName();
        FilterExpr? init = null;
        if (AcceptPunct("=")) init = ParseTerm();
        DeclareLocal(name, type);
        ExpectSemicolon();
        return new DeclStmt(typeToken.Pos, new VarDecl(typeToken.Pos, type, name.Text), init);
    }
}
