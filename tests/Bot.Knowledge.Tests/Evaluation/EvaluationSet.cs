using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>The questions in questions.yaml.</summary>
internal sealed class EvaluationSet
{
    public List<Answerable> Answerable { get; set; } = [];

    public List<string> Nearmiss { get; set; } = [];

    public List<string> Offtopic { get; set; } = [];

    public static EvaluationSet Load() =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<EvaluationSet>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.yaml")));
}

internal sealed class Answerable
{
    public string Q { get; set; } = "";

    public string Expect { get; set; } = "";

    /// <summary>Other entries that answer the question as well (overlapping topics, such as two lifecycles).</summary>
    public List<string> Also { get; set; } = [];

    public bool IsRight(string? entry) => entry == Expect || (entry is not null && Also.Contains(entry));
}
