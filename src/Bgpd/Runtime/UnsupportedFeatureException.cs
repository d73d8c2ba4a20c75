using Bgpd.Config;

namespace Bgpd.Runtime;

/// <summary>
/// The config is valid BIRD but asks for something this build cannot run yet (a protocol or a
/// filter whose engine has not landed). bgpd refuses to start rather than silently ignoring it.
/// </summary>
public sealed class UnsupportedFeatureException(SourcePos pos, string message) : Exception(message)
{
    public SourcePos Pos { get; } = pos;

    /// <summary><c>file:line:col message</c>, the form <c>configure</c> prints after 8002.</summary>
    public string ControlSocketText => $"{Pos.File}:{Pos.Line}:{Pos.Column} {Message}";

    public override string ToString() => $"{Pos.File}:{Pos.Line}:{Pos.Column}: {Message}";
}
