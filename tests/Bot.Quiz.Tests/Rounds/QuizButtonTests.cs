using Bot.Quiz.Rounds;

namespace Bot.Quiz.Tests.Rounds;

public sealed class QuizButtonTests
{
    [Fact]
    public void Parse_ReadsTheIdItsButtonCarries()
    {
        var button = new QuizButton("ab12cd", 3, "B");

        Assert.Equal("quiz:ab12cd:3:B", button.Id);
        Assert.Equal(button, QuizButton.Parse(button.Id));
    }

    [Theory]
    [InlineData("compare:ab12cd:3:B")]
    [InlineData("quiz:ab12cd:three:B")]
    [InlineData("quiz:ab12cd:3")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_AnotherButton_IsNone(string? id) => Assert.Null(QuizButton.Parse(id));
}
