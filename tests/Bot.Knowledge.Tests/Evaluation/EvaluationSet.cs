using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>The questions in questions.yaml.</summary>
internal sealed class EvaluationSet
{
    public List<Answerable> Answerable { get; set; } = [];

    public List<string> Nearmiss { get; set; } = [];

    public List<string> Offtopic { get; set; } = [];

    /// <summary>The questions the retrieval's weights and subject checks were chosen on.</summary>
    public static EvaluationSet Load() => Load("questions.yaml");

    /// <summary>Questions written after those choices and never used for them: the honest figure.</summary>
    public static EvaluationSet LoadHeldOut() => Load("heldout.yaml");

    private static EvaluationSet Load(string file) =>
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
