namespace Bot.Quiz.Bank;

/// <summary>One multiple-choice question from a bank file.</summary>
internal sealed record QuizQuestion(
    string Id,
    string Category,
    string Difficulty,
    string Question,
    IReadOnlyList<string> Choices,
    int AnswerIndex,
    string Explanation,
    Uri Source,
    string File)
{
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    public string AnswerLetter => Letter(AnswerIndex);
}
