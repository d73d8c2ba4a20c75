namespace Bgpd.Control;

/// <summary>Where a command writes its reply: any number of continuation lines, then one final line.</summary>
public interface IReplySink
{
    void Line(int code, string text);
    void Final(int code, string text);
}
