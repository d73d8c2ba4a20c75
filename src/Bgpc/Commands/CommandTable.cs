namespace Bgpc.Commands;

/// <summary>
/// The commands of BIRD 1.6.8's birdc (the table its build generates from the daemon's grammar),
/// used for keyword abbreviation and <c>?</c> help exactly as birdc does.
/// </summary>
public static class CommandTable
{
    const string ProtoArg = "(<protocol> | \"<pattern>\" | all)";

    public static CommandNode Build()
    {
        var root = new CommandNode("", "");
        void Cmd(string path, string args, string help) { var n = Node(root, path); n.CommandArgs = args; n.CommandHelp = help; }
        void Help(string path, string args, string help) { var n = Node(root, path); n.HelpArgs = args; n.HelpText = help; }

        Help("add", "roa ...", "Add ROA record");
        Cmd("add roa", "<prefix> max <num> as <num> [table <name>]", "Add ROA record");
        Cmd("configure", "[\"<file>\"] [timeout [<sec>]]", "Reload configuration");
        Help("configure", "...", "Reload configuration");
        Cmd("configure check", "[\"<file>\"]", "Parse configuration and check its validity");
        Cmd("configure confirm", "", "Confirm last configuration change - deactivate undo timeout");
        Cmd("configure soft", "[\"<file>\"] [timeout [<sec>]]", "Reload configuration and ignore changes in filters");
        Cmd("configure timeout", "[<sec>]", "Reload configuration with undo timeout");
        Cmd("configure undo", "", "Undo last configuration change");
        Cmd("debug", ProtoArg + " (all | off | { states|routes|filters|interfaces|events|packets [, ...] })", "Control protocol debugging via BIRD logs");
        Help("debug", "...", "Control protocol debugging via BIRD logs");
        Help("delete", "roa ...", "Delete ROA record");
        Cmd("delete roa", "<prefix> max <num> as <num> [table <name>]", "Delete ROA record");
        Cmd("disable", ProtoArg + " [message]", "Disable protocol");
        Cmd("down", "", "Shut the daemon down");
        Help("dump", "...", "Dump debugging information");
        Cmd("dump attributes", "", "Dump attribute cache");
        Cmd("dump events", "", "Dump event log");
        Cmd("dump interfaces", "", "Dump interface information");
        Cmd("dump neighbors", "", "Dump neighbor cache");
        Cmd("dump protocols", "", "Dump protocol information");
        Cmd("dump resources", "", "Dump all allocated resource");
        Cmd("dump routes", "", "Dump routing table");
        Cmd("dump sockets", "", "Dump open sockets");
        Cmd("echo", "(all | off | { debug|trace|info|remote|warning|error|auth [, ...] }) [<buffer-size>]", "Control echoing of log messages");
        Help("echo", "...", "Control echoing of log messages");
        Cmd("enable", ProtoArg + " [message]", "Enable protocol");
        Cmd("eval", "<expr>", "Evaluate an expression");
        Cmd("exit", "", "Exit the client");
        Help("flush", "roa [table <name>]", "Removes all dynamic ROA records");
        Cmd("flush roa", "[table <name>]", "Removes all dynamic ROA records");
        Cmd("help", "", "Description of the help system");
        Cmd("mrtdump", ProtoArg + " (all | off | { states|messages [, ...] })", "Control protocol debugging via MRTdump format");
        Help("mrtdump", "...", "Control protocol debugging via MRTdump files");
        Cmd("quit", "", "Quit the client");
        Cmd("reload", "<protocol> | \"<pattern>\" | all", "Reload protocol");
        Cmd("reload in", "<protocol> | \"<pattern>\" | all", "Reload protocol (just imported routes)");
        Cmd("reload out", "<protocol> | \"<pattern>\" | all", "Reload protocol (just exported routes)");
        Cmd("restart", ProtoArg + " [message]", "Restart protocol");
        Cmd("restrict", "", "Restrict current CLI session to safe commands");
        Help("show", "...", "Show status information");
        Help("show bfd", "...", "Show information about BFD protocol");
        Cmd("show bfd sessions", "[<name>]", "Show information about BFD sessions");
        Cmd("show interfaces", "", "Show network interfaces");
        Cmd("show interfaces summary", "", "Show summary of network interfaces");
        Cmd("show memory", "", "Show memory usage");
        Cmd("show ospf", "[<name>]", "Show information about OSPF protocol XXX");
        Help("show ospf", "...", "Show information about OSPF protocol");
        Cmd("show ospf interface", "[<name>] [\"<interface>\"]", "Show information about interface");
        Cmd("show ospf lsadb", "[global | area <id> | link] [type <num>] [lsid <id>] [self | router <id>] [<proto>]", "Show content of OSPF LSA database");
        Help("show ospf lsadb", "...", "Show content of OSPF LSA database");
        Cmd("show ospf neighbors", "[<name>] [\"<interface>\"]", "Show information about OSPF neighbors");
        Cmd("show ospf state", "[all] [<name>]", "Show information about OSPF network state");
        Cmd("show ospf state all", "[<name>]", "Show information about all OSPF network state");
        Cmd("show ospf topology", "[all] [<name>]", "Show information about OSPF network topology");
        Cmd("show ospf topology all", "[<name>]", "Show information about all OSPF network topology");
        Cmd("show protocols", "[<protocol> | \"<pattern>\"]", "Show routing protocols");
        Cmd("show protocols all", "[<protocol> | \"<pattern>\"]", "Show routing protocol details");
        Help("show rip", "...", "Show information about RIP protocol");
        Cmd("show rip interfaces", "[<name>] [\"<interface>\"]", "Show information about RIP interfaces");
        Cmd("show rip neighbors", "[<name>] [\"<interface>\"]", "Show information about RIP neighbors");
        Cmd("show roa", "[<prefix> | in <prefix> | for <prefix>] [as <num>] [table <t>]", "Show ROA table");
        Help("show roa", "...", "Show ROA table");
        Cmd("show route", "[<prefix>|for <prefix>|for <ip>] [table <t>] [filter <f>|where <cond>] [all] [primary] [filtered] [(export|preexport|noexport) <p>] [protocol <p>] [stats|count]", "Show routing table");
        Help("show route", "...", "Show routing table");
        Cmd("show static", "[<name>]", "Show details of static protocol");
        Cmd("show status", "", "Show router status");
        Cmd("show symbols", "[table|filter|function|protocol|template|roa|<symbol>]", "Show all known symbolic names");
        Help("show symbols", "...", "Show all known symbolic names");
        return root;
    }

    static CommandNode Node(CommandNode root, string path)
    {
        var node = root;
        var soFar = "";
        foreach (var word in path.Split(' '))
        {
            soFar = soFar.Length == 0 ? word : soFar + " " + word;
            var child = node.Children.FirstOrDefault(c => c.Token == word);
            if (child is null)
            {
                child = new CommandNode(word, soFar);
                var index = node.Children.FindIndex(c => string.CompareOrdinal(c.Token, word) > 0);
                if (index < 0) node.Children.Add(child); else node.Children.Insert(index, child);
            }
            node = child;
        }
        return node;
    }
}
