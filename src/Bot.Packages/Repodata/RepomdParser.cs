using System.Xml;

namespace Bot.Packages.Repodata;

/// <summary>Reads repomd.xml.</summary>
internal static class RepomdParser
{
    public static Repomd Parse(Stream stream, string file = "repomd.xml")
    {
        string? revision = null;
        var records = new List<RepomdRecord>();
        try
        {
            using var xml = Xml.Reader(stream);
            xml.Read();
            while (!xml.EOF)
            {
                // ReadElementContentAsString moves to the next node itself; only other nodes need Read().
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "revision" && xml.Depth == 1)
                {
                    revision = xml.ReadElementContentAsString().Trim();
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "data")
                {
                    records.Add(ReadData(xml));
                    xml.Skip();
                }
                else
                {
                    xml.Read();
                }
            }
        }
        catch (XmlException ex)
        {
            throw RepodataException.Malformed(file, ex);
        }

        return new Repomd(revision, records);
    }

    private static RepomdRecord ReadData(XmlReader xml)
    {
        var type = xml.GetAttribute("type") ?? "";
        string href = "", checksumType = "", checksum = "";
        long? size = null, openSize = null;
        using var data = xml.ReadSubtree();
        data.Read();
        data.Read();
        while (!data.EOF)
        {
            if (data.NodeType != XmlNodeType.Element)
            {
                data.Read();
                continue;
            }

            switch (data.LocalName)
            {
                case "checksum":
                    checksumType = data.GetAttribute("type") ?? "";
                    checksum = data.ReadElementContentAsString().Trim();
                    break;
                case "location":
                    href = data.GetAttribute("href") ?? "";
                    data.Read();
                    break;
                case "size":
                    size = Xml.Long(data.ReadElementContentAsString().Trim());
                    break;
                case "open-size":
                    openSize = Xml.Long(data.ReadElementContentAsString().Trim());
                    break;
                default:
                    data.Skip();
                    break;
            }
        }

        return new RepomdRecord(type, href, checksumType, checksum, size, openSize);
    }
}
