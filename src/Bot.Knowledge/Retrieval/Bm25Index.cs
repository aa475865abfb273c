namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Okapi BM25 over documents of terms, plus the query's coverage: the share of the query's
/// weight (its terms' IDF) that a document contains, which, unlike raw BM25, is comparable
/// between queries and so can feed a confidence threshold.
/// </summary>
internal sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<Dictionary<string, int>> _counts = [];
    private readonly List<int> _lengths = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private double _averageLength;

    public int Count => _counts.Count;

    public void Add(IEnumerable<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
            length++;
        }

        foreach (var term in counts.Keys)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }

        _counts.Add(counts);
        _lengths.Add(length);
        _averageLength = _lengths.Average();
    }

    public double Idf(string term)
    {
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>BM25 score and coverage (0-1) of every document for the query terms.</summary>
    public (double Score, double Coverage)[] Score(IReadOnlyList<string> query)
    {
        var results = new (double, double)[Count];
        var distinct = query.Distinct(StringComparer.Ordinal).ToList();
        var totalWeight = distinct.Sum(Idf);
        for (var d = 0; d < Count; d++)
        {
            double score = 0, covered = 0;
            foreach (var term in distinct)
            {
                if (!_counts[d].TryGetValue(term, out var tf))
                {
                    continue;
                }

                var idf = Idf(term);
                covered += idf;
                score += idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * _lengths[d] / _averageLength))));
            }

            results[d] = (score, totalWeight > 0 ? covered / totalWeight : 0);
        }

        return results;
    }
}
