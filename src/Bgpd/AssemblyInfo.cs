// bgpd is a Linux daemon (unix sockets, netlink, signals).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
