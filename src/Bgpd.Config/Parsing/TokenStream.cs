using Bgpd.Config.Lexing;

namespace Bgpd.Config.Parsing;

/// <summary>Lookahead buffer over the lexer (tokens are read lazily, so includes open in order).</summary>
internal sealed class TokenStream(Lexer lexer)
{
    private readonly List<Token> buffer = [];
    private Token last;

    public Token Peek(int offset = 0)
    {
        while (buffer.Count <= offset)
        {
            if (buffer.Count > 0 && buffer[^1].Kind == TokenKind.Eof)
                return buffer[^1];
            buffer.Add(lexer.Next());
        }
        return buffer[offset];
    }

    public Token Next()
    {
        var token = Peek();
        if (token.Kind != TokenKind.Eof) buffer.RemoveAt(0);
        last = token;
        return token;
    }

    /// <summary>The most recently consumed token.</summary>
    public Token Last => last;
}
