using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Matrix;

/// <summary>
/// Reads fields of homeserver JSON without trusting their kind. A cast such as <c>(string?)node["body"]</c>
/// throws when another user's client sends a number there, and an indexer throws on an array: every
/// getter here answers null instead, so a malformed event is skipped rather than stopping the sync.
/// </summary>
internal static class JsonFields
{
    /// <summary>Canonical JSON's integer range, [-(2^53)+1, (2^53)-1]: power levels outside it are invalid.</summary>
    private const long CanonicalMax = (1L << 53) - 1;

    /// <summary>The node itself as an object, or null when it is anything else.</summary>
    public static JsonObject? AsObject(JsonNode? node) => node is JsonObject o ? o : null;

    /// <summary>The field's node, or null when the parent is no object or lacks it.</summary>
    public static JsonNode? Field(JsonNode? parent, string name) =>
        parent is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null;

    public static string? String(JsonNode? parent, string name) =>
        Field(parent, name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static JsonObject? Object(JsonNode? parent, string name) => Field(parent, name) as JsonObject;

    public static JsonArray? Array(JsonNode? parent, string name) => Field(parent, name) as JsonArray;

    /// <summary>A JSON integer that fits a long, else null (1.5, "1", true and 1e400 are not integers).</summary>
    public static long? Integer(JsonNode? parent, string name) => Integer(Field(parent, name));

    public static long? Integer(JsonNode? node) =>
        // The JSON text, not GetValue<long>: a value built in code may hold an int or a double inside.
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// A power level: an integer, or (the leniency older room versions allow) a string holding one,
    /// such as <c>"100"</c>; anything else, or a value outside canonical JSON's range, is null.
    /// </summary>
    public static long? PowerLevel(JsonNode? parent, string name)
    {
        var node = Field(parent, name);
        var level = Integer(node);
        if (level is null && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            level = parsed;
        }

        return level is >= -CanonicalMax and <= CanonicalMax ? level : null;
    }
}
