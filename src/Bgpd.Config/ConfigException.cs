namespace Bgpd.Config;

/// <summary>
/// A config error at a place in a file, with BIRD's wording where BIRD has one (<c>syntax error</c>,
/// <c>Number expected</c>, <c>Local AS number must be set</c>...). <see cref="ToString"/> gives
/// <c>file:line:col: message</c> (what <c>bgpd -p</c> prints); <see cref="ControlSocketText"/>
/// gives <c>file:line:col message</c> (the text after <c>8002 </c> on the control socket).
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(SourcePos pos, string message) : base(message)
    {
        Pos = pos;
    }

    public SourcePos Pos { get; }
    public string File => Pos.File;
    public int Line => Pos.Line;
    public int Column => Pos.Column;

    public string ControlSocketText => $"{Pos.File}:{Pos.Line}:{Pos.Column} {Message}";

    public override string ToString() => $"{Pos.File}:{Pos.Line}:{Pos.Column}: {Message}";
}
