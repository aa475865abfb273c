using Bot.Core.Status;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>The Knowledge module's lines in /about: entries, skipped files, retrieval and model.</summary>
internal sealed class KnowledgeStatus(KnowledgeBase knowledge, IOptions<KnowledgeOptions> options) : IStatusReport
{
    public string Name => "Knowledge";

    public IReadOnlyList<string> Lines()
    {
        var corpus = knowledge.Corpus;
        var lines = new List<string> { $"{corpus.Entries.Count} FAQ entries, {corpus.Explanations.Count} explanations" };
        lines.AddRange(corpus.Problems.Take(5).Select(p => $"skipped `{p}`"));
        var retrieval = !knowledge.IsReady ? "index building" : options.Value.Embeddings ? "BM25 + MiniLM embeddings" : "BM25 only";
        var llm = options.Value.Llm.Endpoint is { } endpoint ? $"{options.Value.Llm.Model} at {endpoint.Host}" : "off";
        lines.Add($"retrieval: {retrieval}; language model: {llm}");
        return lines;
    }
}
