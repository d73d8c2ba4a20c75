using System.Buffers;
using System.Text;
using Bgpd.Control;

namespace Bgpd.Tests.Control;

public class ReplyFramerTests
{
    static string Frame(Action<ReplyFramer, ArrayBufferWriter<byte>> write, ReplyFramer? framer = null)
    {
        framer ??= new ReplyFramer();
        var buffer = new ArrayBufferWriter<byte>();
        write(framer, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Test]
    public void Continuation_with_a_new_code_gets_the_dash_prefix_and_a_repeated_code_a_single_space()
    {
        var text = Frame((f, b) =>
        {
            f.Continuation(b, 1002, "a");
            f.Continuation(b, 1002, "b");
            f.Continuation(b, 1006, "c");
            f.Final(b, 0, "");
        });
        Assert.That(text, Is.EqualTo("1002-a\n b\n1006-c\n0000 \n"));
    }

    [Test]
    public void Empty_continuation_with_the_same_code_is_a_lone_space()
    {
        var text = Frame((f, b) => { f.Continuation(b, 1006, "x"); f.Continuation(b, 1006, ""); });
        Assert.That(text, Is.EqualTo("1006-x\n \n"));
    }

    [Test]
    public void Last_reply_survives_the_final_line_as_in_bird_1_6()
    {
        var framer = new ReplyFramer();
        Frame((f, b) => f.Final(b, 14, "1 of 1 routes for 1 networks"), framer);
        var next = Frame((f, b) => f.Continuation(b, 14, "again"), framer);
        Assert.That(next, Is.EqualTo(" again\n"));
    }

    [Test]
    public void Line_of_505_text_bytes_fits_and_506_overflows()
    {
        var fits = Frame((f, b) => f.Final(b, 1, new string('x', 505)));
        var overflows = Frame((f, b) => f.Final(b, 1, new string('x', 506)));
        Assert.Multiple(() =>
        {
            Assert.That(fits, Has.Length.EqualTo(511));
            Assert.That(overflows, Is.EqualTo("8000 <line overflow>\n"));
        });
    }

    [Test]
    public void Overflowing_continuation_reports_code_8000_as_a_continuation()
    {
        var text = Frame((f, b) => { f.Continuation(b, 1007, new string('y', 600)); f.Final(b, 0, ""); });
        Assert.That(text, Is.EqualTo("8000-<line overflow>\n0000 \n"));
    }

    [Test]
    public void Async_lines_start_with_plus_and_leave_last_reply_alone()
    {
        var framer = new ReplyFramer();
        var text = Frame((f, b) =>
        {
            f.Continuation(b, 1002, "a");
            ReplyFramer.Async(b, "Disabling protocol x");
            f.Continuation(b, 1002, "b");
        }, framer);
        Assert.That(text, Is.EqualTo("1002-a\n+Disabling protocol x\n b\n"));
    }
}
