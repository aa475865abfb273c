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

    public static long? Long(string? text) => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
