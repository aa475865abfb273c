using System.Globalization;

namespace Bot.Packages.Rpm;

/// <summary>Epoch, version and release of a package, compared the way rpm compares them.</summary>
internal sealed record Evr(string? Epoch, string Version, string? Release) : IComparable<Evr>
{
    /// <summary>Parses <c>[E:]V[-R]</c> as rpm does: the epoch is the digits before a colon, the release follows the last dash.</summary>
    public static Evr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? epoch = null;
        var rest = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text[..colon].All(char.IsAsciiDigit))
        {
            epoch = text[..colon];
            rest = text[(colon + 1)..];
        }

        var dash = rest.LastIndexOf('-');
        return dash >= 0 ? new Evr(epoch, rest[..dash], rest[(dash + 1)..]) : new Evr(epoch, rest, null);
    }

    public int EpochNumber => int.TryParse(Epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : 0;

    /// <summary>Compares like rpm.vercmp: missing epochs are 0, a missing release sorts below any release.</summary>
    public int CompareTo(Evr? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = RpmVersion.Compare(Epoch ?? "0", other.Epoch ?? "0");
        if (order == 0)
        {
            order = RpmVersion.Compare(Version, other.Version);
        }

        if (order != 0 || (Release is null && other.Release is null))
        {
            return order;
        }

        // As rpm.vercmp: a release, even an empty one, sorts above no release at all.
        return Release is null ? -1 : other.Release is null ? 1 : RpmVersion.Compare(Release, other.Release);
    }

    /// <summary><c>E:V-R</c>, without the epoch when it is 0 or missing.</summary>
    public override string ToString()
    {
        var epoch = Epoch is null or "0" ? "" : Epoch + ":";
        return Release is null ? epoch + Version : $"{epoch}{Version}-{Release}";
    }
}
