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

    /// <summary>
    /// Questions a third author wrote from the topics and the entries, before the rules and the corpus
    /// questions of the round that followed were chosen, and never tuned on.
    /// </summary>
    public static EvaluationSet LoadSecondHeldOut() => Load("heldout2.yaml");

    /// <summary>
    /// Questions a fourth author wrote once the corpus questions were in, measured once with the rules
    /// of that round, then read (and a few general rules added after it).
    /// </summary>
    public static EvaluationSet LoadThirdHeldOut() => Load("heldout3.yaml");

    /// <summary>Questions a fifth author wrote last, measured once after every rule and weight was final.</summary>
    public static EvaluationSet LoadFourthHeldOut() => Load("heldout4.yaml");

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
