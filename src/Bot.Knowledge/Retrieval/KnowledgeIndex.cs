using System.Numerics.Tensors;
using Bot.Knowledge.Corpus;
using Microsoft.Extensions.AI;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Hybrid retrieval over the corpus: BM25 with query coverage over title, questions, tags and
/// answer, and cosine similarity of sentence embeddings of each title, question and paragraph.
/// Immutable once built, so searches need no locks.
/// </summary>
internal sealed class KnowledgeIndex
{
    // Weights of the score's parts, chosen by a grid search on the evaluation set
    // (tests/Bot.Knowledge.Tests/Evaluation). The mean of an entry's two nearest texts rewards
    // entries near the question in more than one place; the lexical parts break near-ties.
    private const double TopTwoWeight = 0.75;
    private const double BestWeight = 0.1;
    private const double CoverageWeight = 0.05;
    private const double Bm25Weight = 0.1;

    /// <summary>
    /// How near a question without its extra words must stay to itself for those words to be context.
    /// Chosen on the development sets: the chatty paraphrases the words-only check declined kept 0.89 to
    /// 0.99 of their meaning, the near misses it declined 0.65 to 0.89.
    /// </summary>
    private const float ContextSimilarity = 0.9f;

    private readonly FaqCorpus _corpus;
    private readonly Bm25Index _bm25;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly IReadOnlyList<(int Entry, int Paragraph, float[] Vector)> _vectors;
    private readonly SubjectGate _gate;

    private KnowledgeIndex(FaqCorpus corpus, Bm25Index bm25, IEmbeddingGenerator<string, Embedding<float>>? generator,
        IReadOnlyList<(int, int, float[])> vectors)
    {
        _corpus = corpus;
        _bm25 = bm25;
        _generator = generator;
        _vectors = vectors;
        _gate = new SubjectGate(corpus);
    }

    /// <summary>Whether the hit's entry is about what the question asks (see <see cref="WhyNotAboutAsync"/>).</summary>
    public async Task<bool> IsAboutAsync(string question, SearchHit hit, CancellationToken cancellationToken) =>
        await WhyNotAboutAsync(question, hit, cancellationToken).ConfigureAwait(false) is null;

    /// <summary>
    /// Why the hit's entry is not about the question, or null when it is: the <see cref="SubjectGate"/>'s
    /// verdict, except that ordinary words the entry does not use are context when the model finds the
    /// question means nearly the same without them ("boss is paranoid oracle will send us a bill…"),
    /// and the subject when it does not ("how do I clear the dnf cache"). Without the model, words alone
    /// decide.
    /// </summary>
    public async Task<string?> WhyNotAboutAsync(string question, SearchHit hit, CancellationToken cancellationToken)
    {
        var verdict = _gate.Judge(question, hit);
        if (verdict.ContextWords.Count == 0 || _generator is null)
        {
            return verdict.Refusal;
        }

        var context = verdict.ContextWords.ToHashSet(StringComparer.Ordinal);
        var without = string.Join(' ', question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !TextAnalyzer.Terms(w).Any(context.Contains)));
        var embedded = await _generator.GenerateAsync([question, without], cancellationToken: cancellationToken).ConfigureAwait(false);
        var similarity = TensorPrimitives.CosineSimilarity(embedded[0].Vector.Span, embedded[1].Vector.Span);
        return similarity >= ContextSimilarity ? null : $"{verdict.Refusal}, which the question is about";
    }

    public FaqCorpus Corpus => _corpus;

    public bool HasEmbeddings => _generator is not null;

    public static async Task<KnowledgeIndex> BuildAsync(
        FaqCorpus corpus, IEmbeddingGenerator<string, Embedding<float>>? generator, EmbeddingCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var bm25 = new Bm25Index();
        foreach (var entry in corpus.Entries)
        {
            // Title and questions say what the entry is about; they count twice.
            var text = string.Join(' ', [entry.Title, entry.Title, .. entry.Questions, .. entry.Questions, .. entry.Tags, entry.Body]);
            bm25.Add(TextAnalyzer.Terms(text));
        }

        var vectors = new List<(int, int, float[])>();
        if (generator is not null)
        {
            // Paragraph -1 marks the title and questions; 0.. are the answer's paragraphs.
            var texts = new List<(int Entry, int Paragraph, string Text)>();
            for (var i = 0; i < corpus.Entries.Count; i++)
            {
                var entry = corpus.Entries[i];
                texts.Add((i, -1, entry.Title));
                texts.AddRange(entry.Questions.Select(q => (i, -1, q)));
                texts.AddRange(entry.Paragraphs.Select((p, n) => (i, n, p)));
            }

            cache?.Load();
            // Batches of similar length waste little on padding, which is most of the model's time.
            var missing = texts.Where(t => cache is null || !cache.TryGet(t.Text, out _)).Select(t => t.Text)
                .Distinct(StringComparer.Ordinal).OrderBy(t => t.Length).ToList();
            var computed = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var batch in missing.Chunk(32))
            {
                var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < batch.Length; k++)
                {
                    computed[batch[k]] = embeddings[k].Vector.ToArray();
                    cache?.Put(batch[k], computed[batch[k]]);
                }
            }

            cache?.Save(texts.Select(t => t.Text));
            foreach (var (entry, paragraph, text) in texts)
            {
                var vector = computed.TryGetValue(text, out var fresh) ? fresh : cache!.TryGet(text, out var cached) ? cached : null;
                vectors.Add((entry, paragraph, Normalize(vector!)));
            }
        }

        return new KnowledgeIndex(corpus, bm25, generator, vectors);
    }

    /// <summary>The best entries for <paramref name="question"/>, best first.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string question, int top, CancellationToken cancellationToken)
    {
        var lexical = _bm25.Score(TextAnalyzer.Terms(question));
        var maxBm25 = lexical.Length == 0 ? 0 : lexical.Max(l => l.Score);
        var semantic = new double[_corpus.Entries.Count];
        var second = new double[_corpus.Entries.Count];
        var passage = new int[_corpus.Entries.Count];
        var passageScore = Enumerable.Repeat(double.MinValue, _corpus.Entries.Count).ToArray();
        if (_generator is not null)
        {
            var embedded = await _generator.GenerateAsync([question], cancellationToken: cancellationToken).ConfigureAwait(false);
            var query = Normalize(embedded[0].Vector.ToArray());
            foreach (var (entry, paragraph, vector) in _vectors)
            {
                var cosine = TensorPrimitives.Dot(query, vector);
                if (cosine > semantic[entry])
                {
                    second[entry] = semantic[entry];
                    semantic[entry] = cosine;
                }
                else if (cosine > second[entry])
                {
                    second[entry] = cosine;
                }

                if (paragraph >= 0 && cosine > passageScore[entry])
                {
                    passageScore[entry] = cosine;
                    passage[entry] = paragraph;
                }
            }
        }

        var hits = new List<SearchHit>(_corpus.Entries.Count);
        for (var i = 0; i < _corpus.Entries.Count; i++)
        {
            var (bm25, coverage) = lexical[i];
            var relative = maxBm25 > 0 ? bm25 / maxBm25 : 0;
            // Without a model, coverage is the comparable part and relative BM25 ranks within it.
            var topTwo = (semantic[i] + second[i]) / 2;
            var score = _generator is null
                ? (0.8 * coverage) + (0.2 * relative * coverage)
                : (TopTwoWeight * topTwo) + (BestWeight * semantic[i]) + (CoverageWeight * coverage) + (Bm25Weight * relative);
            var entry = _corpus.Entries[i];
            hits.Add(new SearchHit(entry, Math.Clamp(score, 0, 1), semantic[i], coverage, entry.Paragraphs[passage[i]]));
        }

        return [.. hits.OrderByDescending(h => h.Score).Take(top)];
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm is 0 or 1)
        {
            return vector;
        }

        var result = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, result);
        return result;
    }
}
