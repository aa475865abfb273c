using Bot.Packages.Rpm;

namespace Bot.Packages;

/// <summary>rpm's comparison of <c>[E:]V[-R]</c> strings, as <c>rpm.vercmp</c> does it (<c>bot rpm vercmp</c>).</summary>
public static class RpmCompare
{
    public static int VerCmp(string a, string b) => Evr.Parse(a).CompareTo(Evr.Parse(b));
}
