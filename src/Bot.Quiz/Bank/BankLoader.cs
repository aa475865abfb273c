using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Quiz.Bank;

/// <summary>
/// Reads <c>*.yaml</c> banks: a list of questions, each checked for its schema, a unique id, the
/// answer among the choices and distinct choices. A bad question is skipped with its file and line;
/// a file that is not YAML is skipped whole.
/// </summary>
internal static class BankLoader
{
    private static readonly string[] Fields = ["id", "category", "difficulty", "question", "choices", "answer", "explanation", "source"];
    private static readonly string[] Difficulties = ["easy", "medium", "hard"];

    public static QuizBank Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new QuizBank([], [new BankProblem(directory, 0, "the bank directory does not exist")]);
        }

        var questions = new List<QuizQuestion>();
        var problems = new List<BankProblem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var question in Parse(file, File.ReadAllText(file), problems))
            {
                if (seen.TryGetValue(question.Id, out var first))
                {
                    problems.Add(new BankProblem(question.File, 0, $"id '{question.Id}' is already used in {first}"));
                    continue;
                }

                seen[question.Id] = question.File;
                questions.Add(question);
            }
        }

        return new QuizBank(questions, problems);
    }

    internal static List<QuizQuestion> Parse(string file, string text, List<BankProblem> problems)
    {
        var name = Path.GetFileName(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add(new BankProblem(name, (int)ex.Start.Line, "not valid YAML: " + ex.Message.Split('\n')[0]));
            return [];
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            problems.Add(new BankProblem(name, 1, "a bank is a YAML list of questions ('- id: ...')"));
            return [];
        }

        var questions = new List<QuizQuestion>();
        foreach (var node in list.Children)
        {
            var before = problems.Count;
            var question = ParseQuestion(name, node, problems);
            if (question is not null && problems.Count == before)
            {
                questions.Add(question);
            }
        }

        return questions;
    }

    private static QuizQuestion? ParseQuestion(string name, YamlNode node, List<BankProblem> problems)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            problems.Add(new BankProblem(name, line, "a question must be a mapping of id, category, question, ..."));
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var k = (key as YamlScalarNode)?.Value ?? "";
            if (!Fields.Contains(k))
            {
                problems.Add(new BankProblem(name, (int)key.Start.Line, $"unknown field '{k}' (known: {string.Join(", ", Fields)})"));
            }

            fields[k] = value;
        }

        string Text(string key)
        {
            if (fields.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                return text.Trim();
            }

            problems.Add(new BankProblem(name, fields.TryGetValue(key, out var at) ? (int)at.Start.Line : line, $"'{key}' must be a non-empty text"));
            return "";
        }

        var id = Text("id");
        var category = Text("category");
        var difficulty = Text("difficulty");
        var question = Text("question");
        var explanation = Text("explanation");
        var source = Text("source");
        var answer = Text("answer");
        var idLine = fields.TryGetValue("id", out var idNode) ? (int)idNode.Start.Line : line;

        var choices = new List<string>();
        if (fields.TryGetValue("choices", out var choiceNode) && choiceNode is YamlSequenceNode sequence)
        {
            choices.AddRange(sequence.Children.Select(c => (c as YamlScalarNode)?.Value?.Trim() ?? ""));
            var choiceLine = (int)choiceNode.Start.Line;
            if (choices.Count is < 2 or > 5)
            {
                problems.Add(new BankProblem(name, choiceLine, $"'choices' needs 2 to 5 items, has {choices.Count}"));
            }

            if (choices.Any(c => c.Length == 0))
            {
                problems.Add(new BankProblem(name, choiceLine, "a choice is empty"));
            }

            if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
            {
                problems.Add(new BankProblem(name, choiceLine, "two choices are the same"));
            }
        }
        else
        {
            problems.Add(new BankProblem(name, choiceNode is null ? line : (int)choiceNode.Start.Line, "'choices' must be a list"));
        }

        var answerIndex = answer.Length == 1 ? char.ToUpperInvariant(answer[0]) - 'A' : -1;
        if (answer.Length > 0 && (answerIndex < 0 || answerIndex >= Math.Max(choices.Count, 1)))
        {
            problems.Add(new BankProblem(name, (int)fields["answer"].Start.Line, $"answer '{answer}' must be the letter of a choice (A-{QuizQuestion.Letter(Math.Max(choices.Count, 1) - 1)})"));
        }

        if (source.Length > 0 && !(Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            problems.Add(new BankProblem(name, (int)fields["source"].Start.Line, $"source '{source}' is not an absolute https URL"));
        }

        if (difficulty.Length > 0 && !Difficulties.Contains(difficulty))
        {
            problems.Add(new BankProblem(name, (int)fields["difficulty"].Start.Line, $"difficulty '{difficulty}' must be easy, medium or hard"));
        }

        if (id.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,40}$"))
        {
            problems.Add(new BankProblem(name, idLine, $"id '{id}' must be 2-41 lower-case letters, digits and '-'"));
        }

        return id.Length == 0 ? null : new QuizQuestion(id, category, difficulty, question, choices, answerIndex, explanation,
            Uri.TryCreate(source, UriKind.Absolute, out var parsed) ? parsed : new Uri("https://invalid.example/"), name);
    }
}
