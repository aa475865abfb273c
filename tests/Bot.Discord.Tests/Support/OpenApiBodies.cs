using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Bot.Discord.Tests.Support;

/// <summary>
/// Checks request bodies against the requestBody schemas of Discord's OpenAPI spec (Specs/openapi.json):
/// the operation's schema is evaluated with every component schema as a $def (OpenAPI 3.1 schemas
/// are JSON Schema 2020-12).
/// </summary>
internal static class OpenApiBodies
{
    private static readonly Lazy<JsonObject> Spec = new(Load);

    private static readonly ConcurrentDictionary<string, JsonSchema?> Schemas = new(StringComparer.Ordinal);

    /// <summary>
    /// A parsed JsonObject fills in its children on first access and is not safe to read from several
    /// threads; the fake serves requests in parallel, so every read of the spec happens under this lock.
    /// </summary>
    private static readonly Lock SpecGate = new();

    /// <summary>Null when <paramref name="body"/> fits the spec's schema of (method, template path); else the errors.</summary>
    public static string? Check(string method, string template, JsonNode? body)
    {
        var schema = Schemas.GetOrAdd(method + " " + template, _ => Build(method, template));
        if (schema is null)
        {
            return $"the spec has no JSON body for {method} {template}";
        }

        EvaluationResults result;
        lock (SpecGate)
        {
            // Evaluations of one schema from several request threads were seen to report a valid body
            // as invalid now and then; one at a time costs the 10,000-send test a few seconds.
            result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        if (result.IsValid)
        {
            return null;
        }

        var errors = result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(8);
        return $"{method} {template}: " + string.Join("; ", errors);
    }

    /// <summary>Whether the spec has an operation for <paramref name="method"/> on the path template.</summary>
    public static bool HasOperation(string method, string template)
    {
        lock (SpecGate)
        {
            return Spec.Value["paths"]?[template]?[method.ToLowerInvariant()] is JsonObject;
        }
    }

    private static JsonObject Load()
    {
        var spec = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "openapi.json")).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;

        // Where the preview spec and Discord's docs disagree, the docs win: default_member_permissions
        // is "a bitwise OR-ed set of permissions, serialized as a string" (application-commands docs),
        // while the preview spec types it as an integer.
        foreach (var (_, schema) in (JsonObject)spec["components"]!["schemas"]!)
        {
            if (schema?["properties"]?["default_member_permissions"] is not null)
            {
                schema["properties"]!["default_member_permissions"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["pattern"] = "^[0-9]+$" };
            }
        }

        return spec;
    }

    private static JsonSchema? Build(string method, string template)
    {
        lock (SpecGate)
        {
            return BuildLocked(method, template);
        }
    }

    private static JsonSchema? BuildLocked(string method, string template)
    {
        var spec = Spec.Value;
        var operation = spec["paths"]?[template]?[method.ToLowerInvariant()];
        if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonObject bodySchema)
        {
            return null;
        }

        var document = (JsonObject)bodySchema.DeepClone();
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        document["$defs"] = spec["components"]!["schemas"]!.DeepClone();
        return JsonSchema.FromText(document.ToJsonString());
    }
}
