namespace Bgpc.Commands;

/// <summary>
/// One keyword of the command tree birdc compiles from BIRD's grammar. <see cref="CommandArgs"/> is set
/// when the path so far is a complete command; <see cref="HelpArgs"/> when the grammar gives a
/// separate summary line for the keyword (birdc shows that one in listings).
/// </summary>
public sealed class CommandNode(string token, string path)
{
    public string Token { get; } = token;
    /// <summary>The full keyword path, e.g. <c>show route</c>.</summary>
    public string Path { get; } = path;
    public string? CommandArgs { get; set; }
    public string? CommandHelp { get; set; }
    public string? HelpArgs { get; set; }
    public string? HelpText { get; set; }
    public List<CommandNode> Children { get; } = [];

    public bool IsCommand => CommandArgs is not null;

    /// <summary>The line describing this node as a command (<c>show route [...]  Show routing table</c>).</summary>
    public string? CommandLine => IsCommand ? Format(Join(Path, CommandArgs!), CommandHelp ?? "") : null;

    /// <summary>The line describing this node in a listing of its parent's children.</summary>
    public string ListingLine => HelpText is not null ? Format(Join(Path, HelpArgs ?? ""), HelpText) : CommandLine ?? Format(Path, "");

    static string Join(string path, string args) => args.Length == 0 ? path : path + " " + args;

    /// <summary>birdc's help layout: the command padded to 45 columns, two spaces, the description.</summary>
    public static string Format(string command, string help) => command.PadRight(45) + "  " + help;
}
