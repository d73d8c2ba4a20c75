namespace Bgpd.Control;

/// <summary>A parse error of a control command; the message is what BIRD prints after <c>9001</c>.</summary>
public sealed class CliSyntaxException(string message) : Exception(message);
