using Bot.Quiz.Bank;
using Bot.Quiz.Tests.Support;

namespace Bot.Quiz.Tests.Bank;

public sealed class BankLoaderTests
{
    private const string Good =
        """
        - id: sample-one
          category: test
          difficulty: easy
          question: Which?
          choices: [one, two, three]
          answer: B
          explanation: Because.
          source: https://example.org/
        """;

    private static List<BankProblem> Problems(string text)
    {
        var problems = new List<BankProblem>();
        BankLoader.Parse("/x/bank.yaml", text, problems);
        return problems;
    }

    [Fact]
    public void ShippedBanks_AreValidAndBigEnough()
    {
        var bank = BankLoader.Load(RepoPaths.Banks);

        Assert.Empty(bank.Problems);
        Assert.True(bank.Questions.Count >= 60, $"{bank.Questions.Count} questions");
        Assert.True(bank.InCategory("enterprise-linux").Count >= 30);
        Assert.Equal(10, bank.InCategory("ubuntu").Count);
        Assert.All(bank.Questions, q => Assert.InRange(q.AnswerIndex, 0, q.Choices.Count - 1));
    }

    [Fact]
    public void Parse_GoodQuestion_ReadsIt()
    {
        var problems = new List<BankProblem>();
        var question = Assert.Single(BankLoader.Parse("/x/bank.yaml", Good, problems));

        Assert.Empty(problems);
        Assert.Equal(1, question.AnswerIndex);
        Assert.Equal("B", question.AnswerLetter);
        Assert.Equal("bank.yaml", question.File);
    }

    [Theory]
    [InlineData("answer: B", "answer: E", 6, "answer 'E' must be the letter of a choice (A-C)")]
    [InlineData("[one, two, three]", "[one, two, One]", 5, "two choices are the same")]
    [InlineData("[one, two, three]", "[a, b, c, d, e, f]", 5, "'choices' needs 2 to 5 items, has 6")]
    [InlineData("https://example.org/", "http://example.org/", 8, "source 'http://example.org/' is not an absolute https URL")]
    [InlineData("difficulty: easy", "difficulty: brutal", 3, "difficulty 'brutal' must be easy, medium or hard")]
    [InlineData("  explanation: Because.\n", "", 1, "'explanation' must be a non-empty text")]
    [InlineData("category: test", "category: test\n  colour: red", 3, "unknown field 'colour'")]
    public void Parse_BrokenQuestion_NamesFileAndLine(string replace, string with, int line, string message)
    {
        var problem = Assert.Single(Problems(Good.Replace(replace, with, StringComparison.Ordinal)));

        Assert.Equal("bank.yaml", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_IsOneProblemWithItsLine()
    {
        var problem = Assert.Single(Problems("- id: x\n  choices: [a, b\n"));

        Assert.StartsWith("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 2);
    }

    [Fact]
    public void Load_SameIdInTwoFiles_KeepsTheFirst()
    {
        var dir = Directory.CreateTempSubdirectory("bot-bank-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), Good);
            File.WriteAllText(Path.Combine(dir.FullName, "b.yaml"), Good);

            var bank = BankLoader.Load(dir.FullName);

            Assert.Single(bank.Questions);
            Assert.Equal("b.yaml:0: id 'sample-one' is already used in a.yaml", Assert.Single(bank.Problems).ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
