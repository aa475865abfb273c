using System.Xml;

namespace Bot.Packages.Repodata;

/// <summary>Streams every package's files out of filelists.xml, including the library paths primary.xml leaves out.</summary>
internal static class FilelistsParser
{
    public static IEnumerable<FileList> Parse(Stream stream, string file = "filelists.xml") =>
        Xml.Elements(stream, file, "package", "http://linux.duke.edu/metadata/filelists", Read);

    private static FileList Read(XmlReader outer)
    {
        var pkgId = outer.GetAttribute("pkgid") ?? "";
        var name = outer.GetAttribute("name") ?? "";
        var arch = outer.GetAttribute("arch") ?? "";
        var files = new List<string>();
        using var xml = outer.ReadSubtree();
        xml.Read();
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "file")
            {
                files.Add(xml.ReadElementContentAsString());
            }
            else
            {
                xml.Read();
            }
        }

        return new FileList(pkgId, name, arch, files);
    }
}
