using System.Diagnostics;
using System.Text.RegularExpressions;
using Bgpd.TestSupport;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// `-u USER -g GROUP` as Debian's bird.service runs BIRD: the daemon runs as the user, the control
/// socket belongs to the user, and the kernel protocol can still write routes (CAP_NET_ADMIN kept).
/// Runs in a network namespace the test creates and removes.
/// </summary>
[NonParallelizable]
public class PrivilegeDropTests
{
    const string Config = """
        router id 10.0.0.1;
        protocol device { }
        protocol static s1 { route 10.99.0.0/16 blackhole; }
        protocol kernel k1 { export all; scan time 5; }
        """;

    [Test]
    public void Runs_as_the_user_with_network_capabilities_and_still_installs_kernel_routes()
    {
        if (Environment.UserName != "root") Prerequisite.Unavailable("needs root to create a namespace and drop to another user");
        var ns = $"bgpdt-priv-{Environment.ProcessId}";
        var dir = Directory.CreateTempSubdirectory("bgpdt-priv").FullName;
        Process? bgpd = null;
        try
        {
            // The user reads the config and writes its pid file itself, as with BIRD.
            File.SetUnixFileMode(dir, (UnixFileMode)0x1ff);
            var conf = Path.Combine(dir, "bird.conf");
            File.WriteAllText(conf, Config);
            File.SetUnixFileMode(conf, (UnixFileMode)0x1a4);
            var socket = Path.Combine(dir, "bgpd.ctl");
            var pidFile = Path.Combine(dir, "bgpd.pid");
            Run("ip", $"netns add {ns}");
            Run("ip", $"netns exec {ns} ip link set lo up");
            bgpd = Process.Start(new ProcessStartInfo("ip")
            {
                ArgumentList = { "netns", "exec", ns, BgpdProcess.Executable, "-f", "-u", "nobody", "-g", "nogroup", "-c", conf, "-s", socket, "-P", pidFile },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !bgpd.HasExited && !(BgpdProcess.SocketAnswers(socket) && File.Exists(pidFile))) Thread.Sleep(50);
            Assert.That(bgpd.HasExited, Is.False, () => "bgpd exited: " + bgpd.StandardError.ReadToEnd());
            var pid = int.Parse(File.ReadAllText(pidFile).Trim());
            var status = File.ReadAllText($"/proc/{pid}/status");

            var routes = "";
            while (DateTime.UtcNow < deadline && !routes.Contains("10.99.0.0/16", StringComparison.Ordinal))
            {
                routes = Run("ip", $"netns exec {ns} ip route show proto bird");
                Thread.Sleep(50);
            }
            Assert.Multiple(() =>
            {
                Assert.That(Regex.Match(status, @"Uid:\s+(\d+)\s+(\d+)").Groups[2].Value, Is.EqualTo("65534"), "effective uid is nobody");
                Assert.That(Regex.Match(status, @"Gid:\s+(\d+)\s+(\d+)").Groups[2].Value, Is.EqualTo("65534"), "effective gid is nogroup");
                Assert.That(Regex.Match(status, @"CapEff:\s+(\S+)").Groups[1].Value, Is.EqualTo("0000000000003c00"),
                    "exactly CAP_NET_BIND_SERVICE, CAP_NET_BROADCAST, CAP_NET_ADMIN, CAP_NET_RAW");
                Assert.That(new FileInfo(socket).UnixFileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite));
                Assert.That(Run("stat", $"-c %U:%G {socket}").Trim(), Is.EqualTo("nobody:nogroup"));
                Assert.That(routes, Does.Contain("blackhole 10.99.0.0/16"), "the kernel protocol kept CAP_NET_ADMIN (listing is `ip route show proto bird`)");
                Assert.That(Birdc.Run(socket, "show protocols k1"), Does.Contain("k1       Kernel   master   up"));
            });
        }
        finally
        {
            if (bgpd is { HasExited: false })
            {
                bgpd.Kill(entireProcessTree: true);
                bgpd.WaitForExit(10000);
            }
            bgpd?.Dispose();
            ProcessRunner.Run("ip", $"netns del {ns}");
            Directory.Delete(dir, recursive: true);
        }
    }

    static string Run(string file, string args)
    {
        var (code, output) = ProcessRunner.Run(file, args);
        Assert.That(code, Is.EqualTo(0), $"{file} {args}: {output}");
        return output;
    }
}
