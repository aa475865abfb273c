using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Bot.Benchmarks.Packages;

/// <summary>
/// A generated repository of 20,000 packages shaped like EL9 BaseOS+AppStream metadata (about 46 MB
/// of primary.xml and 57 MB of filelists.xml uncompressed), written once to the temp directory.
/// </summary>
internal static class SyntheticRepo
{
    public const int Packages = 20_000;

    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "bot-bench-repo-20000");

    public static string Primary => Path.Combine(Directory, "primary.xml.gz");

    public static string Filelists => Path.Combine(Directory, "filelists.xml.gz");

    public static void Ensure()
    {
        if (File.Exists(Primary) && File.Exists(Filelists))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        Write(Primary, WritePrimary);
        Write(Filelists, WriteFilelists);
    }

    private static void Write(string path, Action<XmlWriter> body)
    {
        using var file = File.Create(path + ".tmp");
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var xml = XmlWriter.Create(gzip, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            body(xml);
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string PkgId(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    private static (string Name, string Arch, string Ver, string Rel) Nevra(int i) =>
        ($"pkg{i:D5}", i % 5 == 0 ? "noarch" : "x86_64", $"1.{i % 50}.{i % 7}", $"{i % 30 + 1}.el9");

    private static void WritePrimary(XmlWriter xml)
    {
        const string common = "http://linux.duke.edu/metadata/common";
        const string rpm = "http://linux.duke.edu/metadata/rpm";
        var random = new Random(42);
        xml.WriteStartElement("metadata", common);
        xml.WriteAttributeString("xmlns", "rpm", null, rpm);
        xml.WriteAttributeString("packages", Packages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < Packages; i++)
        {
            var (name, arch, ver, rel) = Nevra(i);
            xml.WriteStartElement("package", common);
            xml.WriteAttributeString("type", "rpm");
            xml.WriteElementString("name", common, name);
            xml.WriteElementString("arch", common, arch);
            xml.WriteStartElement("version", common);
            xml.WriteAttributeString("epoch", "0");
            xml.WriteAttributeString("ver", ver);
            xml.WriteAttributeString("rel", rel);
            xml.WriteEndElement();
            xml.WriteStartElement("checksum", common);
            xml.WriteAttributeString("type", "sha256");
            xml.WriteAttributeString("pkgid", "YES");
            xml.WriteString(PkgId(i));
            xml.WriteEndElement();
            xml.WriteElementString("summary", common, $"Synthetic package number {i} for the index benchmarks");
            xml.WriteElementString("description", common, string.Concat(Enumerable.Repeat($"Package {name} exists to give the benchmark realistic sizes. ", 1 + random.Next(8))));
            xml.WriteElementString("packager", common, "Benchmark Build System <bench@example.org>");
            xml.WriteElementString("url", common, $"https://example.org/{name}");
            xml.WriteStartElement("location", common);
            xml.WriteAttributeString("href", $"Packages/p/{name}-{ver}-{rel}.{arch}.rpm");
            xml.WriteEndElement();
            xml.WriteStartElement("format", common);
            xml.WriteElementString("license", rpm, "MIT");
            xml.WriteElementString("vendor", rpm, "Benchmark");
            xml.WriteElementString("group", rpm, "Unspecified");
            xml.WriteElementString("buildhost", rpm, "build01.example.org");
            xml.WriteElementString("sourcerpm", rpm, $"src{i / 3:D5}-{ver}-{rel}.src.rpm");
            Entries(xml, rpm, "provides", [$"{name}|EQ|{ver}|{rel}", $"{name}(x86-64)|EQ|{ver}|{rel}", $"lib{name}.so.{i % 4 + 1}()(64bit)",
                $"lib{name}.so.{i % 4 + 1}(V_{i % 3}.0)(64bit)", $"lib{name}.so.{i % 4 + 1}(V_{i % 3}.1)(64bit)", $"config({name})|EQ|{ver}|{rel}"]);
            Entries(xml, rpm, "requires", [.. Enumerable.Range(0, 10 + random.Next(10)).Select(k => k switch
            {
                0 => "libc.so.6()(64bit)",
                1 => "libc.so.6(GLIBC_2.34)(64bit)",
                2 => "rtld(GNU_HASH)",
                _ => $"libpkg{random.Next(Packages):D5}.so.{random.Next(4) + 1}()(64bit)",
            })]);
            if (i % 3 == 0)
            {
                xml.WriteElementString("file", common, $"/usr/bin/{name}");
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Entries(XmlWriter xml, string rpm, string kind, IEnumerable<string> entries)
    {
        xml.WriteStartElement(kind, rpm);
        foreach (var entry in entries)
        {
            var parts = entry.Split('|');
            xml.WriteStartElement("entry", rpm);
            xml.WriteAttributeString("name", parts[0]);
            if (parts.Length == 4)
            {
                xml.WriteAttributeString("flags", parts[1]);
                xml.WriteAttributeString("epoch", "0");
                xml.WriteAttributeString("ver", parts[2]);
                xml.WriteAttributeString("rel", parts[3]);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteFilelists(XmlWriter xml)
    {
        const string ns = "http://linux.duke.edu/metadata/filelists";
        var random = new Random(7);
        xml.WriteStartElement("filelists", ns);
        xml.WriteAttributeString("packages", Packages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < Packages; i++)
        {
            var (name, arch, ver, rel) = Nevra(i);
            xml.WriteStartElement("package", ns);
            xml.WriteAttributeString("pkgid", PkgId(i));
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("arch", arch);
            xml.WriteStartElement("version", ns);
            xml.WriteAttributeString("epoch", "0");
            xml.WriteAttributeString("ver", ver);
            xml.WriteAttributeString("rel", rel);
            xml.WriteEndElement();
            if (i % 3 == 0)
            {
                xml.WriteElementString("file", ns, $"/usr/bin/{name}");
            }

            xml.WriteElementString("file", ns, $"/usr/lib64/lib{name}.so.{i % 4 + 1}");
            xml.WriteElementString("file", ns, $"/usr/lib64/lib{name}.so.{i % 4 + 1}.0.0");
            for (var k = 0; k < 34 + random.Next(22); k++)
            {
                xml.WriteElementString("file", ns, $"/usr/share/{name}/data/section-{k % 7}/file-{k:D3}.dat");
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
