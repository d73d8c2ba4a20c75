namespace Bgpd.LabTool.Shell;

/// <summary>A lab operation failed for a reason a person can act on; the message says what and why.</summary>
public sealed class LabException(string message, Exception? inner = null) : Exception(message, inner);
