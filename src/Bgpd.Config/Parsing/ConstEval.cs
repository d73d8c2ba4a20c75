using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

/// <summary>Evaluates the integer constant expressions BIRD computes while parsing (<c>expr: '(' term ')'</c>, <c>define</c>).</summary>
internal static class ConstEval
{
    public static long Int(FilterExpr expr, ConfigSymbols symbols, Token at) =>
        TryInt(expr, symbols, out var value) ? value : throw new ConfigException(at.Pos, "Integer expression expected");

    public static bool TryInt(FilterExpr expr, ConfigSymbols symbols, out long value)
    {
        value = 0;
        switch (expr)
        {
            case IntLiteral literal:
                value = literal.Value;
                return true;
            case SymbolRef symbol when symbols.TryGet(symbol.Name, out var s) && s.Definition is ConstantDef def:
                return TryInt(def.Value, symbols, out value);
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div } binary:
                if (!TryInt(binary.Left, symbols, out var left) || !TryInt(binary.Right, symbols, out var right)) return false;
                if (binary.Op == BinaryOp.Div && right == 0) return false;
                value = binary.Op switch
                {
                    BinaryOp.Add => left + right,
                    BinaryOp.Sub => left - right,
                    BinaryOp.Mul => left * right,
                    _ => left / right,
                };
                value = (uint)value;
                return true;
            default:
                return false;
        }
    }
}
