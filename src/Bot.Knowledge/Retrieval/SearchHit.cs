using Bot.Knowledge.Corpus;

namespace Bot.Knowledge.Retrieval;

/// <summary>One entry found for a question, with the parts of its score.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Score">The combined confidence, 0-1.</param>
/// <param name="Semantic">The best cosine similarity between the question and the entry's title, questions or paragraphs.</param>
/// <param name="Coverage">The share of the question's term weight found in the entry.</param>
/// <param name="Passage">The entry's paragraph nearest the question.</param>
internal sealed record SearchHit(FaqEntry Entry, double Score, double Semantic, double Coverage, string Passage);
