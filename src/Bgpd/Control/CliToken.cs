namespace Bgpd.Control;

public enum CliTokenKind { Word, Number, Address, Prefix, Text, Punct, End }

/// <summary>One token of a control-socket command; <see cref="Start"/> is its offset in the line.</summary>
public readonly record struct CliToken(CliTokenKind Kind, string Value, int Start)
{
    public bool Is(string word) => Kind == CliTokenKind.Word && Value == word;
    public override string ToString() => Value;
}
