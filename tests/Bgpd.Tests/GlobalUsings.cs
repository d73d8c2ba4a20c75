global using NUnit.Framework;

// The daemon under test is Linux-only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
