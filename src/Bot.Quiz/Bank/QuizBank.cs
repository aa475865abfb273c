namespace Bot.Quiz.Bank;

/// <summary>Every loaded question, by id and category, and the problems of the files that were skipped.</summary>
internal sealed class QuizBank(IReadOnlyList<QuizQuestion> questions, IReadOnlyList<BankProblem> problems)
{
    private readonly Dictionary<string, QuizQuestion> _byId = questions.ToDictionary(q => q.Id, StringComparer.Ordinal);

    public IReadOnlyList<QuizQuestion> Questions { get; } = questions;

    public IReadOnlyList<BankProblem> Problems { get; } = problems;

    public QuizQuestion? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<(string Category, int Count)> Categories =>
        [.. Questions.GroupBy(q => q.Category, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderBy(c => c.Key, StringComparer.Ordinal)];

    public IReadOnlyList<QuizQuestion> InCategory(string? category) =>
        category is null ? Questions : [.. Questions.Where(q => string.Equals(q.Category, category, StringComparison.OrdinalIgnoreCase))];
}
