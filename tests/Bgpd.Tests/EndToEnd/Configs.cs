using System.Text;

namespace Bgpd.Tests.EndToEnd;

/// <summary>Configs the end-to-end tests run bgpd (and BIRD) on; nothing here needs root or a network.</summary>
public static class Configs
{
    public const string StaticAndPipe = """
        router id 10.0.0.1;
        table aux;
        protocol static static1 {
          route 10.10.1.0/24 blackhole;
          route 10.10.2.0/24 unreachable;
          route 10.10.3.0/24 prohibit;
          route 192.168.16.0/26 blackhole;
        }
        protocol static static2 {
          route 10.20.0.0/16 unreachable;
        }
        protocol pipe p_aux {
          peer table aux;
          import none;
          export all;
        }
        """;

    /// <summary>A config whose <c>show route</c> reply is large (hundreds of kilobytes).</summary>
    public static string ManyRoutes(int count)
    {
        var sb = new StringBuilder("router id 10.0.0.2;\nprotocol static bulk {\n");
        for (var i = 0; i < count; i++) sb.Append($"  route 10.{i / 256 % 256}.{i % 256}.0/24 blackhole;\n");
        sb.Append("}\n");
        return sb.ToString();
    }
}
