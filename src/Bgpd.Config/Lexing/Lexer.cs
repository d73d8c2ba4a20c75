using System.Globalization;
using System.Text.RegularExpressions;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Lexing;

/// <summary>
/// BIRD's config lexer: tokens with exact positions (1-based line and column, tab = one column),
/// <c>#</c> and <c>/* */</c> comments, and <c>include "file";</c> at the start of a line, resolved
/// against the including file's directory, with globs and BIRD's depth limit. Errors are raised as
/// <see cref="ConfigException"/> with BIRD's wording and position. Also used for control-socket
/// command lines (construct with <see cref="LexerOptions.AllowIncludes"/> false).
/// </summary>
public sealed partial class Lexer
{
    private readonly LexerOptions options;
    private readonly Stack<SourceFile> files = new();
    private readonly SourceFile main;

    /// <summary>Lexes <paramref name="text"/> as if it were the file <paramref name="fileName"/> (includes resolve relative to it).</summary>
    public Lexer(string text, string fileName, LexerOptions? options = null)
    {
        this.options = options ?? new LexerOptions();
        main = new SourceFile(fileName, text, 1, SourcePos.None);
        files.Push(main);
    }

    /// <summary>Reads and lexes a file; a missing file is reported as BIRD reports it.</summary>
    public static Lexer OpenFile(string path, LexerOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(new SourcePos(path, 0, 0), $"Unable to open configuration file {path}: {ErrnoText(e)}");
        }
        return new Lexer(text, path, options);
    }

    /// <summary>All tokens up to and including <see cref="TokenKind.Eof"/>.</summary>
    public List<Token> ReadAll()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.Eof) return tokens;
        }
    }

    /// <summary>The next token; at the end of the main file an <see cref="TokenKind.Eof"/> token positioned as BIRD reports errors there.</summary>
    public Token Next()
    {
        while (true)
        {
            var file = files.Peek();
            if (file.AtEnd)
            {
                if (file == main)
                    return new Token(TokenKind.Eof, "", new SourcePos(main.Name, 1, main.Chno - main.TokLen + 1));
                files.Pop();
                continue;
            }
            if (file.AtLineStart && options.AllowIncludes && TryInclude(file)) continue;
            var c = file.Peek();
            switch (c)
            {
                case ' ' or '\t':
                    file.Lexeme(CountWhile(file, static ch => ch is ' ' or '\t'));
                    continue;
                case '\n':
                    file.Newline();
                    continue;
                case '\r' when file.Peek(1) == '\n':
                    file.Lexeme(1);
                    continue;
                case '#':
                    SkipLineComment(file);
                    continue;
                case '/' when file.Peek(1) == '*':
                    SkipBlockComment(file);
                    continue;
            }
            return ReadToken(file);
        }
    }

    private static int CountWhile(SourceFile file, Func<char, bool> predicate)
    {
        var n = 0;
        while (file.Index + n < file.Text.Length && predicate(file.Text[file.Index + n])) n++;
        return n;
    }

    private static void SkipLineComment(SourceFile file)
    {
        file.Lexeme(1);
        while (!file.AtEnd)
        {
            if (file.Peek() == '\n')
            {
                file.Newline();
                return;
            }
            file.Lexeme(1);
        }
    }

    private static void SkipBlockComment(SourceFile file)
    {
        file.Lexeme(2);
        while (true)
        {
            if (file.AtEnd) throw new ConfigException(file.ErrorPos, "Unterminated comment");
            var c = file.Peek();
            if (c == '*' && file.Peek(1) == '/')
            {
                file.Lexeme(2);
                return;
            }
            if (c == '/' && file.Peek(1) == '*')
            {
                file.Lexeme(2);
                throw new ConfigException(file.ErrorPos, "Comment nesting not supported");
            }
            if (c == '\n') file.Newline();
            else file.Lexeme(1);
        }
    }

    // Greedy up to the last quote on the line, as 1.6's rule; the name ends at the first closing quote.
    [GeneratedRegex("\\G[ \\t]*include[ \\t]*\"([^\\n]*)\"[ \\t]*;")]
    private static partial Regex IncludeRegex();

    private bool TryInclude(SourceFile file)
    {
        var match = IncludeRegex().Match(file.Text, file.Index);
        if (!match.Success) return false;
        file.Lexeme(match.Length);
        var site = file.ErrorPos;
        var argument = match.Groups[1].Value;
        var quote = argument.IndexOf('"');
        if (quote >= 0) argument = argument[..quote];
        if (argument.Length == 0) throw new ConfigException(site, "Include with empty argument");
        var depth = file.Depth + 1;
        if (depth > LexerOptions.MaxIncludeDepth) throw new ConfigException(site, "Max include depth reached");
        var path = IncludeResolver.Resolve(file.Name, argument);
        if (!IncludeResolver.IsPattern(argument))
        {
            files.Push(Open(path, depth, site));
            return true;
        }
        var matches = IncludeResolver.Expand(path);
        for (var i = matches.Count - 1; i >= 0; i--) files.Push(Open(matches[i], depth, site));
        return true;
    }

    private static SourceFile Open(string path, int depth, SourcePos site)
    {
        if (Directory.Exists(path)) throw new ConfigException(new SourcePos(path, 1, 1), "Read error");
        try
        {
            return new SourceFile(path, File.ReadAllText(path), depth, site);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(site, $"Unable to open included file {path}: {ErrnoText(e)}");
        }
    }

    private static string ErrnoText(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
