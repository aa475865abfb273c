using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>The questions of one evaluation set: paraphrases with the entries that answer them, near misses, far off-topic.</summary>
internal sealed class EvaluationSet
{
    public List<Answerable> Answerable { get; set; } = [];

    public List<string> Nearmiss { get; set; } = [];

    public List<string> Offtopic { get; set; } = [];

    /// <summary>The development set, the one the retrieval's weights and subject checks were first chosen on.</summary>
    public const string Development = "questions.yaml";

    /// <summary>One of the sets in the Evaluation directory (EvaluationTests lists them and how each was used).</summary>
    public static EvaluationSet Load(string file) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<EvaluationSet>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Evaluation", file)));
}

internal sealed class Answerable
{
    public string Q { get; set; } = "";

    public string Expect { get; set; } = "";

    /// <summary>Other entries that answer the question as well (overlapping topics, such as two lifecycles).</summary>
    public List<string> Also { get; set; } = [];

    public bool IsRight(string? entry) => entry == Expect || (entry is not null && Also.Contains(entry));
}
