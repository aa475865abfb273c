using Bot.Core.Text;
using Bot.Knowledge.Llm;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge.Answers;

/// <summary>The one path from a question to an answer, shared by /ask, <c>bot ask</c> and the JSON output.</summary>
internal sealed class AskService(KnowledgeBase knowledge, IOptions<KnowledgeOptions> options, GroundedAnswerer? model = null)
{
    internal const int MaxQuestionLength = 4000;

    /// <summary>How far below the answer threshold a question may score and still be worth the model's time.</summary>
    private const double ModelMargin = 0.12;

    public async Task<KnowledgeAnswer> AskAsync(string? question, CancellationToken cancellationToken)
    {
        var clean = TextInput.Sanitize(question);
        if (clean.Length == 0)
        {
            return Usage("Ask a question, e.g. `/ask what does ABI compatible mean?`");
        }

        if (clean.Length > MaxQuestionLength)
        {
            return Usage($"That question is {clean.Length:N0} characters long; I take at most {MaxQuestionLength:N0}. Please shorten it.");
        }

        var settings = options.Value;
        var index = await knowledge.IndexAsync().ConfigureAwait(false);
        var hits = await index.SearchAsync(clean, 5, cancellationToken).ConfigureAwait(false);
        var bestIsAbout = hits.Count > 0 && hits[0].Score >= settings.AnswerThreshold
            && await index.IsAboutAsync(clean, hits[0], cancellationToken).ConfigureAwait(false);
        var local = LocalAnswerer.Compose(hits, settings.AnswerThreshold, settings.MaxAnswerLength, _ => bestIsAbout);
        if (model is null || settings.Llm.Endpoint is null || hits.Count == 0 || hits[0].Score < settings.AnswerThreshold - ModelMargin)
        {
            return local;
        }

        return await model.TryAnswerAsync(clean, [.. hits.Take(3)], cancellationToken).ConfigureAwait(false) ?? local;
    }

    private static KnowledgeAnswer Usage(string message) => new(false, null, message, [], null, 0) { IsUsageProblem = true };
}
