using System.Text;

namespace Bgpc.Client;

/// <summary>
/// A small line editor for interactive use on a terminal: left/right, home/end, backspace/delete,
/// up/down through history, Tab completion of keywords, Ctrl-D on an empty line for EOF.
/// <c>?</c> returns immediately so the caller can print context help (as birdc does).
/// </summary>
public sealed class LineEditor(Func<string, IReadOnlyList<string>> complete)
{
    readonly List<string> _history = [];

    public void AddHistory(string line)
    {
        if (line.Length > 0 && (_history.Count == 0 || _history[^1] != line)) _history.Add(line);
    }

    /// <summary>Reads a line; null at EOF. When <paramref name="helpRequested"/> is set, the text before '?' is returned.</summary>
    public string? ReadLine(string prompt, string initial, out bool helpRequested)
    {
        helpRequested = false;
        var buffer = new StringBuilder(initial);
        var cursor = buffer.Length;
        var historyIndex = _history.Count;
        Console.Write(prompt + buffer);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0: cursor--; break;
                case ConsoleKey.RightArrow when cursor < buffer.Length: cursor++; break;
                case ConsoleKey.Home: cursor = 0; break;
                case ConsoleKey.End: cursor = buffer.Length; break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    buffer.Clear().Append(_history[--historyIndex]);
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.DownArrow when historyIndex < _history.Count:
                    historyIndex++;
                    buffer.Clear().Append(historyIndex < _history.Count ? _history[historyIndex] : "");
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.Tab:
                    {
                        var options = complete(buffer.ToString());
                        if (options.Count == 1)
                        {
                            var text = buffer.ToString();
                            var start = text.LastIndexOf(' ') + 1;
                            buffer.Remove(start, buffer.Length - start).Append(options[0]).Append(' ');
                            cursor = buffer.Length;
                        }
                        else if (options.Count > 1)
                        {
                            Console.WriteLine();
                            Console.WriteLine(string.Join("  ", options));
                        }
                        break;
                    }
                default:
                    if (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key == ConsoleKey.D && buffer.Length == 0)
                    {
                        Console.WriteLine();
                        return null;
                    }
                    if (key.KeyChar == '?')
                    {
                        Console.WriteLine("?");
                        helpRequested = true;
                        return buffer.ToString();
                    }
                    if (!char.IsControl(key.KeyChar)) buffer.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        Console.Write("\r\u001b[K" + prompt + buffer);
        var back = buffer.Length - cursor;
        if (back > 0) Console.Write($"\u001b[{back}D");
    }
}
