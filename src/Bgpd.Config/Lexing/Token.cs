using Bgpd.Net;

namespace Bgpd.Config.Lexing;

/// <summary>Token classes of BIRD's config lexer.</summary>
public enum TokenKind
{
    /// <summary>End of the main file.</summary>
    Eof,
    /// <summary>Decimal or 0x hex number, 0..2^32-1.</summary>
    Number,
    /// <summary>IPv4 or IPv6 address (in the bird6 dialect a dotted quad is a router-id style quad, still an IPv4 value).</summary>
    Ip,
    /// <summary>2.x route distinguisher <c>A:B</c>, <c>0:A:B</c>, <c>2:A:B</c>, <c>IP:N</c>.</summary>
    Rd,
    /// <summary>A name: keyword or symbol (<see cref="Token.Quoted"/> for <c>'quoted-symbols'</c>).</summary>
    Symbol,
    /// <summary>"text" (quotes stripped).</summary>
    String,
    /// <summary>Operator or punctuation: <c>= != !~ &lt; &lt;= &gt; &gt;= &amp;&amp; || [= =] ..</c> and single characters.</summary>
    Punct,
}

/// <summary>One token with the position of its first character.</summary>
public readonly record struct Token(TokenKind Kind, string Text, SourcePos Pos)
{
    public long Number { get; init; }
    public IpAddress Ip { get; init; }
    public ulong Rd { get; init; }
    /// <summary>A <c>'quoted'</c> symbol: never a keyword.</summary>
    public bool Quoted { get; init; }

    public bool IsPunct(string text) => Kind == TokenKind.Punct && Text == text;
    public bool IsWord(string word) => Kind == TokenKind.Symbol && !Quoted && Text == word;

    public override string ToString() => Kind == TokenKind.Eof ? "end of file" : Text;
}
