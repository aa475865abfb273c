using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Bot.Matrix.Tests.Support;

/// <summary>
/// Checks JSON against the subset of JSON Schema the Matrix event schemas use for content
/// (properties, required, type, enum), read from the spec's own YAML file.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<YamlMappingNode> Notice = new(() =>
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "m.notice.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)((YamlMappingNode)root["properties"])["content"];
    });

    /// <summary>The problems of an m.notice event content; empty when it conforms.</summary>
    public static IReadOnlyList<string> NoticeContent(JsonObject content) => Check(Notice.Value, content, "content");

    private static List<string> Check(YamlMappingNode schema, JsonNode? value, string path)
    {
        var problems = new List<string>();
        if (schema.Children.TryGetValue("type", out var type) && !Is(((YamlScalarNode)type).Value!, value))
        {
            problems.Add($"{path} is not of type {type}");
            return problems;
        }

        if (schema.Children.TryGetValue("enum", out var values) && !((YamlSequenceNode)values).Children.Any(v => ((YamlScalarNode)v).Value == value?.ToString()))
        {
            problems.Add($"{path} is '{value}', not one of {values}");
        }

        if (value is JsonObject obj)
        {
            if (schema.Children.TryGetValue("required", out var required))
            {
                problems.AddRange(((YamlSequenceNode)required).Children.Select(r => ((YamlScalarNode)r).Value!).Where(r => obj[r] is null).Select(r => $"{path}.{r} is required"));
            }

            if (schema.Children.TryGetValue("properties", out var properties))
            {
                foreach (var (name, propertySchema) in ((YamlMappingNode)properties).Children)
                {
                    var key = ((YamlScalarNode)name).Value!;
                    if (obj[key] is { } child)
                    {
                        problems.AddRange(Check((YamlMappingNode)propertySchema, child, $"{path}.{key}"));
                    }
                }
            }

            // The schema's prose: format and formatted_body require each other.
            if ((obj["format"] is null) != (obj["formatted_body"] is null))
            {
                problems.Add($"{path}: format and formatted_body must come together");
            }
        }

        return problems;
    }

    private static bool Is(string type, JsonNode? value) => type switch
    {
        "string" => value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String,
        "object" => value is JsonObject,
        "integer" or "number" => value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        _ => true,
    };
}
