using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Bot.Matrix.Tests.Support;

/// <summary>
/// Checks request bodies against the client-server API's OpenAPI files (Specs/api, split YAML with
/// relative $refs): the operation is found by method and path template, its requestBody schema is
/// evaluated with every definitions file registered under its own file URI, so that refs such as
/// <c>definitions/sync_filter.yaml</c> resolve as they do in the spec repository.
/// </summary>
internal static class MatrixContract
{
    private const string Base = "/_matrix/client/v3";
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Specs", "api");
    private static readonly Lazy<List<Operation>> Spec = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    /// <summary>Null when the body fits the spec; else what does not fit. A request the spec lacks is a problem too.</summary>
    public static string? Check(string method, string path, JsonNode? body)
    {
        var operations = Spec.Value;
        var relative = path.StartsWith(Base, StringComparison.Ordinal) ? path[Base.Length..] : path;
        var operation = operations.FirstOrDefault(o => o.Method == method && o.Matches(relative));
        if (operation is null)
        {
            return $"{method} {path}: no such operation in the client-server API";
        }

        if (operation.Schema is null)
        {
            return body is null ? null : $"{method} {operation.Template}: the spec defines no JSON body";
        }

        var schema = Built.GetOrAdd(operation.Id, _ =>
        {
            var document = (JsonObject)operation.Schema.DeepClone();
            document["$id"] = operation.Id;
            document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            return JsonSchema.FromText(document.ToJsonString());
        });
        var result = schema.Evaluate(body ?? new JsonObject(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? null
            : $"{method} {operation.Template}: " + string.Join("; ", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(6));
    }

    private static List<Operation> Load()
    {
        // The global registry: these file URIs are this test assembly's own and loaded once.
        var registry = SchemaRegistry.Global;
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "definitions"), "*.yaml", SearchOption.AllDirectories))
        {
            if (Yaml(file) is JsonObject definition)
            {
                definition["$id"] = Uri(file).ToString();
                registry.Register(JsonSchema.FromText(definition.ToJsonString()));
            }
        }

        var operations = new List<Operation>();
        foreach (var file in Directory.GetFiles(Root, "*.yaml"))
        {
            if (Yaml(file)?["paths"] is not JsonObject paths)
            {
                continue;
            }

            foreach (var (template, methods) in paths)
            {
                foreach (var (method, operation) in (JsonObject)methods!)
                {
                    var schema = operation?["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                    var id = $"{Uri(file)}?{method}={System.Uri.EscapeDataString(template)}";
                    operations.Add(new Operation(method.ToUpperInvariant(), template, id, schema));
                }
            }
        }

        return operations;
    }

    private static Uri Uri(string file) => new("file:///matrix-spec/api/" + Path.GetRelativePath(Root, file).Replace('\\', '/'));

    private static JsonNode? Yaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>YAML to JSON with YAML's plain-scalar types (numbers, booleans, null); quoted scalars stay strings.</summary>
    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonValue? Plain(string? text) => text switch
    {
        null or "null" or "~" or "" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };

    private sealed record Operation(string Method, string Template, string Id, JsonObject? Schema)
    {
        public bool Matches(string path)
        {
            var want = Template.Split('/');
            var got = path.Split('?')[0].Split('/');
            return want.Length == got.Length && want.Zip(got).All(p => p.First.StartsWith('{') || p.First == System.Uri.UnescapeDataString(p.Second));
        }
    }
}
