using System.Buffers;
using System.Text;
using Bgpd.Control;

namespace Bgpd.Tests.Control;

public class LineReaderTests
{
    static ReadOnlySequence<byte> Bytes(string s) => new(Encoding.UTF8.GetBytes(s));

    [Test]
    public void Pipelined_lines_come_out_in_order_with_carriage_returns_dropped()
    {
        var buffer = Bytes("show status\r\nshow route\nsho");
        var lines = new List<string>();
        while (LineReader.TryReadLine(ref buffer, out var line) == LineReader.Result.Line) lines.Add(line);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { "show status", "show route" }));
            Assert.That(Encoding.UTF8.GetString(buffer.ToArray()), Is.EqualTo("sho"));
        });
    }

    [Test]
    public void Command_of_1022_characters_is_accepted_and_1023_is_too_long()
    {
        var ok = Bytes(new string('a', 1022) + "\n");
        var tooLong = Bytes(new string('a', 1023) + "\n");
        Assert.Multiple(() =>
        {
            Assert.That(LineReader.TryReadLine(ref ok, out var line), Is.EqualTo(LineReader.Result.Line));
            Assert.That(line, Has.Length.EqualTo(1022));
            Assert.That(LineReader.TryReadLine(ref tooLong, out _), Is.EqualTo(LineReader.Result.TooLong));
        });
    }

    [Test]
    public void Unterminated_input_filling_the_read_buffer_is_too_long()
    {
        var partial = Bytes(new string('a', 500));
        var full = Bytes(new string('a', 1023));
        Assert.Multiple(() =>
        {
            Assert.That(LineReader.TryReadLine(ref partial, out _), Is.EqualTo(LineReader.Result.NeedMore));
            Assert.That(LineReader.TryReadLine(ref full, out _), Is.EqualTo(LineReader.Result.TooLong));
        });
    }
}
