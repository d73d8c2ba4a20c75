using System.Text;

namespace Bgpd.Bgp.Wire;

/// <summary>RFC 8203 / RFC 9003 shutdown communication in Cease/Administrative Shutdown and Reset.</summary>
public static class ShutdownCommunication
{
    public const int MaxLength = 255;

    public static bool Applies(byte code, byte subcode) => code == 6 && (subcode == 2 || subcode == 4);

    /// <summary>
    /// Reads the communication. False when the error is not a shutdown/reset or the length byte lies
    /// about the data (more than is there: BIRD CVE-2019-16159). Control characters become spaces.
    /// </summary>
    public static bool TryRead(BgpError error, out string message)
    {
        message = "";
        if (!Applies(error.Code, error.Subcode)) return false;
        var data = error.Data.Span;
        if (data.IsEmpty) return true;
        int length = data[0];
        if (length + 1 > data.Length) return false;
        var text = Encoding.UTF8.GetString(data.Slice(1, length));
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] < ' ') chars[i] = ' ';
        message = new string(chars);
        return true;
    }

    /// <summary>NOTIFICATION data carrying <paramref name="message"/>, truncated to 255 bytes on a character boundary.</summary>
    public static byte[] Encode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var length = bytes.Length;
        if (length > MaxLength)
        {
            length = MaxLength;
            while (length > 0 && (bytes[length] & 0xC0) == 0x80) length--;
        }
        var data = new byte[length + 1];
        data[0] = (byte)length;
        bytes.AsSpan(0, length).CopyTo(data.AsSpan(1));
        return data;
    }
}
