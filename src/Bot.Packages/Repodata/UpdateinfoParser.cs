using System.Globalization;
using System.Xml;

namespace Bot.Packages.Repodata;

/// <summary>Streams advisories out of updateinfo.xml.</summary>
internal static class UpdateinfoParser
{
    public static IEnumerable<Advisory> Parse(Stream stream, string file = "updateinfo.xml") =>
        Xml.Elements(stream, file, "update", null, Read).Where(a => a.Id.Length > 0);

    private static Advisory Read(XmlReader outer)
    {
        var type = outer.GetAttribute("type") ?? "";
        string id = "", title = "";
        string? severity = null;
        DateTimeOffset? issued = null, updated = null;
        var cves = new List<string>();
        var packages = new List<AdvisoryPackage>();
        using var xml = outer.ReadSubtree();
        xml.Read();
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            // Text elements are consumed by ReadElementContentAsString; attribute-only ones need Read().
            switch (xml.LocalName)
            {
                case "id":
                    id = xml.ReadElementContentAsString().Trim();
                    break;
                case "title":
                    title = xml.ReadElementContentAsString().Trim();
                    break;
                case "severity":
                    severity = xml.ReadElementContentAsString().Trim() is { Length: > 0 } s ? s : null;
                    break;
                case "issued":
                    issued = Date(xml.GetAttribute("date"));
                    xml.Read();
                    break;
                case "updated":
                    updated = Date(xml.GetAttribute("date"));
                    xml.Read();
                    break;
                case "reference":
                    if (xml.GetAttribute("type") == "cve" && xml.GetAttribute("id") is { Length: > 0 } cve && !cves.Contains(cve, StringComparer.OrdinalIgnoreCase))
                    {
                        cves.Add(cve.ToUpperInvariant());
                    }

                    xml.Read();
                    break;
                case "package":
                    packages.Add(new AdvisoryPackage(
                        xml.GetAttribute("name") ?? "",
                        xml.GetAttribute("epoch"),
                        xml.GetAttribute("version") ?? "",
                        xml.GetAttribute("release") ?? "",
                        xml.GetAttribute("arch") ?? ""));
                    xml.Read();
                    break;
                default:
                    xml.Read();
                    break;
            }
        }

        return new Advisory(id, type, severity, issued, updated, title, cves, packages);
    }

    /// <summary>Dates come as "2023-11-14 00:00:00", ISO 8601, or seconds since 1970 depending on the tool that wrote them.</summary>
    internal static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }
}
