using System.Reflection;
using System.Runtime.CompilerServices;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Rib.Filtering;

namespace Bgpd.Filters.Rib;

/// <summary>
/// One small reader per static attribute of the editor, for the specialising backend: it calls the
/// reader of the attribute it reads (chosen when compiling), so no switch runs per read and no
/// frame holds a value per case (each inlines <see cref="RouteEditorRoute.ReadStatic"/> with its constant,
/// which folds the switch). Not inlined: the tree's frame gets no temporary for them either.
/// </summary>
internal static class StaticReaders
{
    /// <summary>The reader of a static attribute (<see cref="RouteAttribute.Net"/> .. <see cref="RouteAttribute.IfIndex"/>).</summary>
    public static MethodInfo Of(RouteAttribute attribute) =>
        typeof(StaticReaders).GetMethod("Read" + attribute, BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "not a static attribute");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadNet(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Net);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadScope(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Scope);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadPreference(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Preference);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadFrom(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.From);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadGw(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Gw);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadProto(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Proto);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadSource(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Source);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadDest(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.Dest);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadIfName(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.IfName);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadIfIndex(RouteEditor e, ref Value into) => into = RouteEditorRoute.ReadStatic(e, RouteAttribute.IfIndex);
}
