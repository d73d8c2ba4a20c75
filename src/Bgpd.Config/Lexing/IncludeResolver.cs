using System.Text.RegularExpressions;

namespace Bgpd.Config.Lexing;

/// <summary>Turns an <c>include</c> argument into file names the way BIRD does (dirname-relative, glob).</summary>
internal static class IncludeResolver
{
    /// <summary>POSIX dirname: "t.conf" gives ".", "/a/b" gives "/a", "/b" gives "/".</summary>
    public static string DirName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return path.Length > 0 ? "/" : ".";
        var slash = trimmed.LastIndexOf('/');
        if (slash < 0) return ".";
        if (slash == 0) return "/";
        return trimmed[..slash].TrimEnd('/') is { Length: > 0 } dir ? dir : "/";
    }

    /// <summary>The path BIRD opens: absolute as given, else the including file's directory + "/" + argument.</summary>
    public static string Resolve(string includingFile, string argument) =>
        argument.StartsWith('/') ? argument : DirName(includingFile) + "/" + argument;

    public static bool IsPattern(string argument) => argument.AsSpan().IndexOfAny("?*[") >= 0;

    /// <summary>Expands a glob pattern to existing regular files, sorted bytewise as glob(3) in the C locale.</summary>
    public static List<string> Expand(string pattern)
    {
        var absolute = pattern.StartsWith('/');
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { absolute ? "/" : "" };
        foreach (var part in parts)
        {
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (!IsPattern(part))
                {
                    next.Add(Join(dir, part));
                    continue;
                }
                var search = dir.Length == 0 ? "." : dir;
                if (!Directory.Exists(search)) continue;
                var regex = new Regex("^" + GlobToRegex(part) + "$");
                foreach (var entry in Directory.EnumerateFileSystemEntries(search))
                {
                    var name = Path.GetFileName(entry);
                    if (name.StartsWith('.') && !part.StartsWith('.')) continue;
                    if (regex.IsMatch(name)) next.Add(Join(dir, name));
                }
            }
            current = next;
        }
        var files = current.Where(File.Exists).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir.EndsWith('/') ? dir + name : dir + "/" + name;

    private static string GlobToRegex(string glob)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*': builder.Append("[^/]*"); break;
                case '?': builder.Append("[^/]"); break;
                case '[':
                    var close = glob.IndexOf(']', i + 2);
                    if (close < 0) { builder.Append(@"\["); break; }
                    var body = glob[(i + 1)..close];
                    if (body.StartsWith('!')) body = "^" + body[1..];
                    builder.Append('[').Append(body.Replace(@"\", @"\\")).Append(']');
                    i = close;
                    break;
                default: builder.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return builder.ToString();
    }
}
