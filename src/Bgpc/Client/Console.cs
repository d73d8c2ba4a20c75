using System.Text.Json;
using Bgpc.Commands;
using Bgpc.Json;

namespace Bgpc.Client;

/// <summary>The birdc behaviour: greeting, optional restrict, one-shot or interactive commands.</summary>
public sealed class BirdConsole(ClientOptions options, TextWriter output)
{
    readonly CommandExpander _expander = CommandExpander.Default;

    public int Run()
    {
        ControlClient client;
        try
        {
            client = ControlClient.Connect(options.SocketPath);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Console.Error.WriteLine($"Unable to connect to server control socket ({options.SocketPath}): {e.Message}");
            return 1;
        }
        using (client)
        {
            try
            {
                Print(client.ReadReply(), json: options.Json);
                if (options.Restricted)
                {
                    client.Send("restrict");
                    Print(client.ReadReply(), json: options.Json);
                }
                return options.Command is { } command ? RunOne(client, command) : RunInteractive(client);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        }
    }

    int RunOne(ControlClient client, string line)
    {
        var last = Submit(client, line);
        return last is >= 8000 ? 1 : 0;
    }

    int RunInteractive(ControlClient client)
    {
        var tty = !Console.IsInputRedirected;
        var editor = new LineEditor(_expander.Complete);
        var pending = "";
        while (true)
        {
            string? line;
            var help = false;
            if (tty)
            {
                line = editor.ReadLine("bird> ", pending, out help);
                pending = "";
            }
            else
            {
                output.Write("bird> ");
                line = Console.In.ReadLine();
                if (line is not null) output.WriteLine(line);
                if (line is not null && line.TrimEnd().EndsWith('?')) { help = true; line = line.TrimEnd()[..^1]; }
            }
            if (line is null) return 0;
            if (help)
            {
                foreach (var h in _expander.Help(line)) output.WriteLine(h);
                if (tty) pending = line;
                continue;
            }
            if (line.Trim().Length == 0) continue;
            editor.AddHistory(line);
            if (Submit(client, line) is -1) return 0;
        }
    }

    /// <summary>Expands and sends one command, prints its reply; returns the final code, -1 to quit, null when nothing was sent.</summary>
    int? Submit(ControlClient client, string line)
    {
        switch (_expander.Expand(line))
        {
            case NoSuchCommand:
                output.WriteLine(CommandExpander.NoSuchCommandText);
                return null;
            case Ambiguous a:
                output.WriteLine(CommandExpander.AmbiguousText);
                foreach (var l in a.Listing) output.WriteLine(l);
                return null;
            case Expanded e:
                var command = e.Command;
                if (command.StartsWith("exit", StringComparison.Ordinal) || command.StartsWith("quit", StringComparison.Ordinal)) return -1;
                if (command.StartsWith("help", StringComparison.Ordinal))
                {
                    output.WriteLine("Press `?' for context sensitive help.");
                    return null;
                }
                var jsonKind = options.Json ? JsonKind(command) : null;
                if (options.Json && jsonKind is null)
                {
                    Console.Error.WriteLine("--json supports show status, show protocols and show route");
                    return 9001;
                }
                client.Send(command);
                var reply = client.ReadReply(jsonKind is null ? l => Echo(l) : null);
                if (jsonKind is not null) WriteJson(client, jsonKind, reply);
                return reply[^1].Code;
        }
        return null;
    }

    static string? JsonKind(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[0] != "show") return null;
        return words[1] switch { "status" => "status", "protocols" => "protocols", "route" => "route", _ => null };
    }

    void WriteJson(ControlClient client, string kind, List<ReplyLine> reply)
    {
        var final = reply[^1];
        var ok = final.Code < 8000;
        var node = !ok ? ReplyJson.Error(final) : kind switch
        {
            "status" => ReplyJson.Status(reply, QueryBgpdVersion(client)),
            "protocols" => ReplyJson.Protocols(reply),
            _ => ReplyJson.Routes(reply),
        };
        output.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>bgpd answers <c>show version</c> (BIRD replies with a syntax error: then null).</summary>
    static string? QueryBgpdVersion(ControlClient client)
    {
        client.Send("show version");
        var reply = client.ReadReply();
        return reply.FirstOrDefault(l => l.Code == 1000 && l.Text.StartsWith("bgpd ", StringComparison.Ordinal)) is { Raw: not null } line
            ? line.Text["bgpd ".Length..]
            : null;
    }

    void Echo(ReplyLine line)
    {
        if (ReplyLineRenderer.Render(line.Raw, options.Verbose) is { } text) output.WriteLine(text);
    }

    void Print(List<ReplyLine> reply, bool json)
    {
        if (json) return;
        foreach (var line in reply) Echo(line);
    }
}
