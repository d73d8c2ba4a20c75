namespace Bgpc.Commands;

/// <summary>What <see cref="CommandExpander.Expand"/> decided for a typed line.</summary>
public abstract record Expansion;
/// <summary>The line to send: the full command words followed by the rest of the line verbatim.</summary>
public sealed record Expanded(string Command) : Expansion;
public sealed record Ambiguous(IReadOnlyList<string> Listing) : Expansion;
public sealed record NoSuchCommand : Expansion;

/// <summary>
/// birdc's client-side keyword completion: each word is matched against the keywords allowed at
/// that point (an exact match wins, a unique prefix expands, two prefixes are ambiguous); the first
/// word that matches nothing starts the arguments, which are passed on untouched.
/// </summary>
public sealed class CommandExpander(CommandNode root)
{
    public const string NoSuchCommandText = "No such command. Press `?' for help.";
    public const string AmbiguousText = "Ambiguous command, possible expansions are:";

    public static CommandExpander Default { get; } = new(CommandTable.Build());

    public Expansion Expand(string line)
    {
        var node = root;
        var afterMatch = 0;
        var i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i])) { i++; continue; }
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            var word = line[start..i];
            var (match, candidates) = Find(node, word);
            if (match is null)
            {
                if (candidates.Count > 1) return new Ambiguous(candidates.Select(c => c.ListingLine).ToList());
                break;
            }
            node = match;
            afterMatch = i;
        }
        var args = line[afterMatch..];
        if (!node.IsCommand) return new NoSuchCommand();
        return new Expanded(node.Path + args);
    }

    /// <summary>The lines <c>?</c> prints for the words typed so far.</summary>
    public IReadOnlyList<string> Help(string line)
    {
        var node = root;
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (match, _) = Find(node, word);
            if (match is null) break;
            node = match;
        }
        var lines = new List<string>();
        if (node.CommandLine is { } own) lines.Add(own);
        lines.AddRange(node.Children.Select(c => c.ListingLine));
        return lines;
    }

    /// <summary>Completions of the last (partial) word, for Tab in interactive mode.</summary>
    public IReadOnlyList<string> Complete(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var partial = line.EndsWith(' ') || words.Count == 0 ? "" : words[^1];
        if (partial.Length > 0) words.RemoveAt(words.Count - 1);
        var node = root;
        foreach (var word in words)
        {
            var (match, _) = Find(node, word);
            if (match is null) return [];
            node = match;
        }
        return node.Children.Where(c => c.Token.StartsWith(partial, StringComparison.Ordinal)).Select(c => c.Token).ToList();
    }

    /// <summary>
    /// birdc's abbreviation rule: an exact keyword wins; otherwise the prefix matches are ranked by
    /// priority (birdc ranks <c>roa</c> and <c>rip</c> lowest so <c>sh ro</c> means <c>show route</c>),
    /// and it is ambiguous when a later match ties with the best one seen so far.
    /// </summary>
    static (CommandNode? Match, List<CommandNode> Candidates) Find(CommandNode node, string word)
    {
        var candidates = new List<CommandNode>();
        CommandNode? best = null;
        var tie = false;
        foreach (var child in node.Children)
        {
            if (child.Token == word) return (child, [child]);
            if (!child.Token.StartsWith(word, StringComparison.Ordinal)) continue;
            candidates.Add(child);
            if (best is not null && Priority(best) > Priority(child)) continue;
            if (best is not null && Priority(best) == Priority(child)) tie = true;
            best = child;
        }
        return tie ? (null, candidates) : (best, candidates);
    }

    static int Priority(CommandNode node) => node.Token is "roa" or "rip" ? 0 : 1;
}
