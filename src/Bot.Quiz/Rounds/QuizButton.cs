using System.Globalization;
using Bot.Core.Commands;

namespace Bot.Quiz.Rounds;

/// <summary>An answer button: a letter for one question of one round (<c>quiz:ab12cd:3:B</c>).</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Index">The question's place in the round, from 0.</param>
/// <param name="Letter">The answer it gives.</param>
internal sealed record QuizButton(string RoundId, int Index, string Letter)
{
    /// <summary>The command whose handler gets the press: <c>/quiz</c>.</summary>
    public const string Command = "quiz";

    /// <summary>The id a reply's button carries.</summary>
    public string Id => new ButtonId(Command, [RoundId, Index.ToString(CultureInfo.InvariantCulture), Letter]).ToString();

    /// <summary>Reads a pressed id; null when it is not a quiz answer button.</summary>
    public static QuizButton? Parse(string? id) =>
        ButtonId.Parse(id) is { Command: Command, Parts: [var round, var index, var letter] }
        && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new QuizButton(round, number, letter)
            : null;
}
