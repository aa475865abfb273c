using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Knowledge.Corpus;

/// <summary>
/// Reads one entry file: YAML front matter between <c>---</c> lines, then the Markdown answer.
/// Every problem names the file and the line, so that <c>bot knowledge validate</c> points at it.
/// </summary>
internal static class FaqFileParser
{
    /// <summary>
    /// The ways of asking an entry may list. Retrieval compares a question with each of them, so an
    /// entry lists the short, ordinary and chatty ways people really ask; past a dozen they repeat.
    /// </summary>
    private const int MostQuestions = 14;

    private static readonly string[] Known = ["id", "title", "kind", "questions", "tags", "sources", "related"];

    public static (FaqEntry? Entry, IReadOnlyList<CorpusProblem> Problems) Parse(string file, string text)
    {
        var name = Path.GetFileName(file);
        var problems = new List<CorpusProblem>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return (null, [new CorpusProblem(name, 1, "the file must start with '---' and YAML front matter")]);
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            return (null, [new CorpusProblem(name, 1, "the front matter is not closed by a '---' line")]);
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(string.Join('\n', lines[1..end])));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return (null, [new CorpusProblem(name, 2, "the front matter must be a YAML mapping (key: value lines)")]);
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            // The YAML starts on the file's second line.
            var line = (int)ex.Start.Line + 1;
            return (null, [new CorpusProblem(name, line, "front matter is not valid YAML: " + FirstLine(ex.Message))]);
        }

        int LineOf(YamlNode node) => (int)node.Start.Line + 1;
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var k = ((YamlScalarNode)key).Value ?? "";
            if (!Known.Contains(k))
            {
                problems.Add(new CorpusProblem(name, LineOf(key), $"unknown field '{k}' (known: {string.Join(", ", Known)})"));
            }

            fields[k] = value;
            keyLines[k] = LineOf(key);
        }

        string? Scalar(string key, bool required)
        {
            if (!fields.TryGetValue(key, out var node))
            {
                if (required)
                {
                    problems.Add(new CorpusProblem(name, 2, $"missing '{key}'"));
                }

                return null;
            }

            if (node is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value.Trim();
            }

            problems.Add(new CorpusProblem(name, LineOf(node), $"'{key}' must be a non-empty text"));
            return null;
        }

        List<(string Text, int Line)> List(string key, int min, int max)
        {
            if (!fields.TryGetValue(key, out var node))
            {
                if (min > 0)
                {
                    problems.Add(new CorpusProblem(name, 2, $"missing '{key}'"));
                }

                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                problems.Add(new CorpusProblem(name, LineOf(node), $"'{key}' must be a list"));
                return [];
            }

            var items = sequence.Children.Select(c => ((c as YamlScalarNode)?.Value?.Trim() ?? "", LineOf(c))).ToList();
            if (items.Count < min || items.Count > max)
            {
                problems.Add(new CorpusProblem(name, keyLines[key], $"'{key}' needs {min} to {max} items, has {items.Count}"));
            }

            foreach (var (item, line) in items.Where(i => i.Item1.Length == 0))
            {
                problems.Add(new CorpusProblem(name, line, $"an item of '{key}' is empty"));
            }

            return items;
        }

        var id = Scalar("id", required: true);
        var title = Scalar("title", required: true);
        var kind = Scalar("kind", required: false);
        var questions = List("questions", 2, MostQuestions);
        var tags = List("tags", 1, 12);
        var sources = new List<Uri>();
        foreach (var (source, line) in List("sources", 1, 10))
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                sources.Add(uri);
            }
            else
            {
                problems.Add(new CorpusProblem(name, line, $"source '{source}' is not an absolute https URL"));
            }
        }

        var related = List("related", 0, 6);
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,60}$"))
        {
            problems.Add(new CorpusProblem(name, LineOf(fields["id"]), $"id '{id}' must be lower-case letters, digits and '-'"));
        }

        if (kind is not null and not "explanation")
        {
            problems.Add(new CorpusProblem(name, LineOf(fields["kind"]), $"kind '{kind}' is unknown (known: explanation)"));
        }

        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (body.Length == 0)
        {
            problems.Add(new CorpusProblem(name, end + 2, "the answer after the front matter is empty"));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new FaqEntry(id!, title!, [.. questions.Select(q => q.Text)], [.. tags.Select(t => t.Text)], sources,
            [.. related.Select(r => r.Text)], kind == "explanation", body, name), problems);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
