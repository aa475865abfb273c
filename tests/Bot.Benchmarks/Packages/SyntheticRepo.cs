using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Bot.Benchmarks.Packages;

/// <summary>The size of a generated repository: packages, and files per package on average.</summary>
/// <param name="Name">The directory's name and the package name prefix.</param>
/// <param name="Packages">Packages in primary.xml.</param>
/// <param name="FilesPerPackage">Average files per package in filelists.xml (each package has 3 library and binary paths plus data files).</param>
internal sealed record RepoShape(string Name, int Packages, int FilesPerPackage = 50)
{
    /// <summary>The repository of the measurements: shaped like EL9 BaseOS+AppStream, about 46 MB of primary.xml and 57 MB of filelists.xml open.</summary>
    public static RepoShape Bench20k { get; } = new("bot-bench-repo-20000", 20_000);
}

/// <summary>
/// A generated repository (repodata/repomd.xml, primary.xml.gz, filelists.xml.gz) of a given shape,
/// written once below the temp directory. dnf, libsolv's repo2solv and the bot all read it.
/// </summary>
internal sealed class SyntheticRepo(RepoShape shape, string? parent = null)
{
    public static SyntheticRepo Bench20k { get; } = new(RepoShape.Bench20k);

    public RepoShape Shape { get; } = shape;

    /// <summary>The repository's base directory (it holds repodata/).</summary>
    public string Directory { get; } = Path.Combine(parent ?? Path.GetTempPath(), shape.Name);

    public string Primary => Path.Combine(Directory, "repodata", "primary.xml.gz");

    public string Filelists => Path.Combine(Directory, "repodata", "filelists.xml.gz");

    public string Repomd => Path.Combine(Directory, "repodata", "repomd.xml");

    public Uri BaseUrl => new(Directory + "/");

    public SyntheticRepo Ensure()
    {
        if (File.Exists(Repomd))
        {
            return this;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Primary)!);
        var primary = Write(Primary, WritePrimary);
        var filelists = Write(Filelists, WriteFilelists);
        var repomd = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
              <revision>1</revision>

            """);
        foreach (var (type, path, open) in new[] { ("primary", Primary, primary), ("filelists", Filelists, filelists) })
        {
            repomd.Append(CultureInfo.InvariantCulture, $"""
                  <data type="{type}">
                    <checksum type="sha256">{Sha256(path)}</checksum>
                    <open-checksum type="sha256">{open.Checksum}</open-checksum>
                    <location href="repodata/{Path.GetFileName(path)}"/>
                    <timestamp>1700000000</timestamp>
                    <size>{new FileInfo(path).Length}</size>
                    <open-size>{open.Size}</open-size>
                  </data>

                """);
        }

        repomd.Append("</repomd>\n");
        File.WriteAllText(Repomd, repomd.ToString());
        return this;
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Writes gzip'd XML; returns the open size and checksum, which repomd.xml names.</summary>
    private static (long Size, string Checksum) Write(string path, Action<XmlWriter> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size;
        using (var file = File.Create(path + ".tmp"))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            var open = new HashingStream(gzip, hash);
            using (var xml = XmlWriter.Create(open, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            {
                body(xml);
            }

            size = open.Written;
        }

        File.Move(path + ".tmp", path, overwrite: true);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private string PkgId(int i) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Shape.Name}/{i}")));

    private (string Name, string Arch, string Ver, string Rel) Nevra(int i) =>
        ($"pkg{i:D5}", i % 5 == 0 ? "noarch" : "x86_64", $"1.{i % 50}.{i % 7}", $"{i % 30 + 1}.el9");

    private void WritePrimary(XmlWriter xml)
    {
        const string common = "http://linux.duke.edu/metadata/common";
        const string rpm = "http://linux.duke.edu/metadata/rpm";
        var random = new Random(42);
        var count = Shape.Packages;
        xml.WriteStartElement("metadata", common);
        xml.WriteAttributeString("xmlns", "rpm", null, rpm);
        xml.WriteAttributeString("packages", count.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < count; i++)
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
            xml.WriteStartElement("time", common);
            xml.WriteAttributeString("file", "1700000000");
            xml.WriteAttributeString("build", "1699990000");
            xml.WriteEndElement();
            xml.WriteStartElement("size", common);
            xml.WriteAttributeString("package", "123456");
            xml.WriteAttributeString("installed", "456789");
            xml.WriteAttributeString("archive", "460000");
            xml.WriteEndElement();
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
                _ => $"libpkg{random.Next(count):D5}.so.{random.Next(4) + 1}()(64bit)",
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

    private void WriteFilelists(XmlWriter xml)
    {
        const string ns = "http://linux.duke.edu/metadata/filelists";
        var random = new Random(7);
        // 2 or 3 library and binary paths, the rest data files: uniform around the average.
        var data = Math.Max(2, Shape.FilesPerPackage - 2);
        var spread = data / 2;
        xml.WriteStartElement("filelists", ns);
        xml.WriteAttributeString("packages", Shape.Packages.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Shape.Packages; i++)
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
            var files = data - (spread / 2) + random.Next(spread + 1);
            for (var k = 0; k < files; k++)
            {
                xml.WriteElementString("file", ns, $"/usr/share/{name}/data/section-{k % 7}/file-{k:D3}.dat");
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>Counts and hashes what passes through to the compressor: repomd's open size and open checksum.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            Written += buffer.Length;
            inner.Write(buffer);
        }
    }
}
