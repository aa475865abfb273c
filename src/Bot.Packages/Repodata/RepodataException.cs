namespace Bot.Packages.Repodata;

/// <summary>Metadata that cannot be used: malformed XML, a checksum mismatch, a size limit; with the file and line.</summary>
internal sealed class RepodataException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static RepodataException Malformed(string file, System.Xml.XmlException ex) =>
        new($"{file}:{ex.LineNumber}: malformed XML: {ex.Message.Split(" Line ", 2)[0]}", ex);
}
