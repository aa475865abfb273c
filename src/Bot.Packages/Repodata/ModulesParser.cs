using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Packages.Repodata;

/// <summary>A module stream from modules.yaml and the packages it is built from.</summary>
internal sealed record ModuleStream(string Name, string Stream, string? Summary, IReadOnlyList<string> Artifacts)
{
    public string Label => $"{Name}:{Stream}";
}

/// <summary>Reads the modulemd documents of modules.yaml (defaults and other document kinds are skipped).</summary>
internal static class ModulesParser
{
    public static IEnumerable<ModuleStream> Parse(Stream stream, string file = "modules.yaml")
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StreamReader(stream));
        }
        catch (YamlException ex)
        {
            throw new RepodataException($"{file}:{ex.Start.Line}: malformed YAML: {ex.Message.Split('\n')[0]}", ex);
        }

        foreach (var document in yaml.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || Text(root, "document") != "modulemd" || Node(root, "data") is not YamlMappingNode data)
            {
                continue;
            }

            var rpms = (Node(data, "artifacts") as YamlMappingNode) is { } artifacts && Node(artifacts, "rpms") is YamlSequenceNode list
                ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList()
                : [];
            yield return new ModuleStream(Text(data, "name") ?? "", Text(data, "stream") ?? "", Text(data, "summary"), rpms);
        }
    }

    private static YamlNode? Node(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Text(YamlMappingNode map, string key) => (Node(map, key) as YamlScalarNode)?.Value;
}
