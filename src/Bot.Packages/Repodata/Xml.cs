using System.Xml;

namespace Bot.Packages.Repodata;

/// <summary>Safe streaming XML: no DTD processing, no external resolution, no whole document in memory.</summary>
internal static class Xml
{
    public static XmlReader Reader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    });

    /// <summary>
    /// Streams every element named <paramref name="localName"/> through <paramref name="read"/>, one at a
    /// time; malformed XML becomes a <see cref="RepodataException"/> naming the file and line.
    /// </summary>
    public static IEnumerable<T> Elements<T>(Stream stream, string file, string localName, string? ns, Func<XmlReader, T> read)
    {
        using var xml = Reader(stream);
        while (true)
        {
            T item;
            try
            {
                var found = ns is null ? xml.ReadToFollowing(localName) : xml.ReadToFollowing(localName, ns);
                if (!found)
                {
                    yield break;
                }

                item = read(xml);
            }
            catch (XmlException ex)
            {
                throw RepodataException.Malformed(file, ex);
            }

            yield return item;
        }
    }

    public static long? Long(string? text) => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
