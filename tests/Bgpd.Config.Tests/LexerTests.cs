using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Tests;

public class LexerTests
{
    private static List<Token> Lex(string text, Dialect dialect = Dialect.Bird16) =>
        new Lexer(text, "t.conf", new LexerOptions(dialect)).ReadAll();

    [Test]
    public void Tokens_carry_line_and_column_with_tab_as_one_column()
    {
        var tokens = Lex("router id 1.2.3.4;\n\tprotocol foo {\n}");
        Assert.That(tokens.Select(t => (t.Text, t.Pos.Line, t.Pos.Column)).Take(8), Is.EqualTo(new[]
        {
            ("router", 1, 1), ("id", 1, 8), ("1.2.3.4", 1, 11), (";", 1, 18),
            ("protocol", 2, 2), ("foo", 2, 11), ("{", 2, 15), ("}", 3, 1),
        }));
    }

    [Test]
    public void Comments_are_skipped_and_lines_counted_through_them()
    {
        var tokens = Lex("# one\n/* two\nthree */ x; # four\ny");
        Assert.That(tokens.Where(t => t.Kind == TokenKind.Symbol).Select(t => (t.Text, t.Pos.Line, t.Pos.Column)),
            Is.EqualTo(new[] { ("x", 3, 10), ("y", 4, 1) }));
    }

    [Test]
    public void End_of_file_is_reported_on_line_one_at_the_last_lexeme_as_BIRD_does()
    {
        Assert.That(Lex("a;\nb;\n")[^1].Pos, Is.EqualTo(new SourcePos("t.conf", 1, 0)));
        Assert.That(Lex("a;\nbb;  ")[^1].Pos, Is.EqualTo(new SourcePos("t.conf", 1, 4)));
        Assert.That(Lex("a;\nb; # xy")[^1].Pos, Is.EqualTo(new SourcePos("t.conf", 1, 7)));
    }

    [Test]
    public void Numbers_decimal_and_hex_up_to_32_bits()
    {
        var tokens = Lex("0 4294967295 0xff 0x10");
        Assert.That(tokens.Where(t => t.Kind == TokenKind.Number).Select(t => t.Number), Is.EqualTo(new long[] { 0, 4294967295, 255, 16 }));
        var error = Assert.Throws<ConfigException>(() => Lex("x 4294967296"))!;
        Assert.That((error.Message, error.Column), Is.EqualTo(("Number out of range", 3)));
    }

    [TestCase("2001:db8::1")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("fe80::1:2:3")]
    [TestCase("2001:0db8:0000:0000:0000:0000:0000:0001")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("1:2:3:4:5:6:7:8")]
    public void Ipv6_addresses_including_non_canonical_forms_are_one_token(string text)
    {
        var tokens = Lex(text + ";", Dialect.Bird16v6);
        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Ip));
        Assert.That(tokens[0].Ip, Is.EqualTo(IpAddress.Parse(text)));
        Assert.That(tokens[1].IsPunct(";"), Is.True);
    }

    [TestCase("10.0.0.0025", "10.0.0.25")]
    [TestCase("010.000.255.0", "10.0.255.0")]
    [TestCase("0.0.0.0", "0.0.0.0")]
    public void Ipv4_parts_may_carry_leading_zeros_as_in_BIRD(string text, string expected)
    {
        var tokens = Lex(text + ";");
        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Ip));
        Assert.That(tokens[0].Ip, Is.EqualTo(IpAddress.Parse(expected)));
    }

    [Test]
    public void Ipv6_in_the_ipv4_daemon_is_refused_as_BIRD_refuses_it()
    {
        var error = Assert.Throws<ConfigException>(() => Lex("neighbor 2001:db8::1 as 1;"))!;
        Assert.That((error.Column, error.Message), Is.EqualTo((10, "This is an IPv4 router, therefore IPv6 addresses are not supported")));
    }

    [Test]
    public void Prefix_is_address_slash_number()
    {
        var tokens = Lex("10.0.0.0/8+");
        Assert.That(tokens.Select(t => t.Text), Is.EqualTo(new[] { "10.0.0.0", "/", "8", "+", "" }));
    }

    [Test]
    public void Quoted_symbols_and_strings()
    {
        var tokens = Lex("'bgp_a.b:c-1' \"some text\"");
        Assert.That(tokens[0], Is.EqualTo(new Token(TokenKind.Symbol, "bgp_a.b:c-1", new SourcePos("t.conf", 1, 1)) { Quoted = true }));
        Assert.That((tokens[1].Kind, tokens[1].Text), Is.EqualTo((TokenKind.String, "some text")));
    }

    [Test]
    public void All_operators_lex_as_single_tokens()
    {
        var tokens = Lex("= != !~ < <= > >= ~ && || ! + - * / .. [= =] ( ) [ ] { } , ; : ? %");
        Assert.That(tokens.Where(t => t.Kind == TokenKind.Punct).Select(t => t.Text), Is.EqualTo(
            "= != !~ < <= > >= ~ && || ! + - * / .. [= =] ( ) [ ] { } , ; : ? %".Split(' ')));
    }

    [Test]
    public void Route_distinguishers_only_in_bird2()
    {
        var bird2 = Lex("1:2 0:1:2 2:70000:3 10.0.0.1:5", Dialect.Bird2);
        Assert.That(bird2.Take(4).All(t => t.Kind == TokenKind.Rd), Is.True);
        Assert.That(bird2[0].Rd, Is.EqualTo((1UL << 32) | 2));
        Assert.That(Lex("1:2")[1].IsPunct(":"), Is.True);
    }

    [TestCase("x $", "Unknown character", 3)]
    [TestCase("x \"abc\ny", "Unterminated string", 3)]
    [TestCase("/* a /* b */", "Comment nesting not supported", 6)]
    [TestCase("1.2.3.256", "Invalid IPv4 address 1.2.3.256", 1)]
    [TestCase("1.2.3.1000", "Invalid IPv4 address 1.2.3.1000", 1)]
    [TestCase("1.99999999999.3.4", "Invalid IPv4 address 1.99999999999.3.4", 1)]
    public void Lexical_errors_have_BIRD_messages_and_columns(string text, string message, int column)
    {
        var error = Assert.Throws<ConfigException>(() => Lex(text))!;
        Assert.That((error.Message, error.Line, error.Column), Is.EqualTo((message, 1, column)));
    }
}
