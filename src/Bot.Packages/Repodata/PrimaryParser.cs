using System.Xml;
using Bot.Packages.Rpm;

namespace Bot.Packages.Repodata;

/// <summary>Streams packages out of primary.xml, one at a time.</summary>
internal static class PrimaryParser
{
    public static IEnumerable<PackageRecord> Parse(Stream stream, string file = "primary.xml") =>
        Xml.Elements(stream, file, "package", "http://linux.duke.edu/metadata/common", ReadPackage);

    private static PackageRecord ReadPackage(XmlReader outer)
    {
        string name = "", arch = "", summary = "", pkgId = "";
        string? url = null, license = null, sourceRpm = null;
        var evr = new Evr(null, "", null);
        var provides = new List<Capability>();
        var requires = new List<Capability>();
        var files = new List<string>();
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

            // Each case leaves the reader on the next node: ReadElementContentAsString and Skip move past the element.
            switch (xml.LocalName)
            {
                case "format":
                    xml.Read();
                    break;
                case "name" when xml.Depth == 1:
                    name = xml.ReadElementContentAsString().Trim();
                    break;
                case "arch" when xml.Depth == 1:
                    arch = xml.ReadElementContentAsString().Trim();
                    break;
                case "version" when xml.Depth == 1:
                    evr = new Evr(xml.GetAttribute("epoch"), xml.GetAttribute("ver") ?? "", xml.GetAttribute("rel"));
                    xml.Skip();
                    break;
                case "checksum" when xml.Depth == 1:
                    pkgId = xml.ReadElementContentAsString().Trim();
                    break;
                case "summary" when xml.Depth == 1:
                    summary = xml.ReadElementContentAsString().Trim();
                    break;
                case "url" when xml.Depth == 1:
                    url = NullIfEmpty(xml.ReadElementContentAsString());
                    break;
                case "license":
                    license = NullIfEmpty(xml.ReadElementContentAsString());
                    break;
                case "sourcerpm":
                    sourceRpm = NullIfEmpty(xml.ReadElementContentAsString());
                    break;
                case "provides":
                    ReadEntries(xml, provides);
                    xml.Skip();
                    break;
                case "requires":
                    ReadEntries(xml, requires);
                    xml.Skip();
                    break;
                case "file":
                    files.Add(xml.ReadElementContentAsString());
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        return new PackageRecord(name, arch, evr, summary, url, license, sourceRpm, pkgId, provides, requires, files);
    }

    internal static void ReadEntries(XmlReader outer, List<Capability> into)
    {
        using var xml = outer.ReadSubtree();
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "entry")
            {
                var flags = xml.GetAttribute("flags");
                var version = xml.GetAttribute("ver");
                into.Add(new Capability(
                    xml.GetAttribute("name") ?? "",
                    flags,
                    version is null ? null : new Evr(xml.GetAttribute("epoch"), version, xml.GetAttribute("rel"))));
            }
        }
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
