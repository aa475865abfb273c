using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>
/// One person's answer to one question, with the points it earned, written when it is given.
/// The id <c>round:index:user</c> makes a second answer from the same person impossible.
/// </summary>
internal sealed class AnswerDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    public string RoundId { get; set; } = "";

    public int Index { get; set; }

    public string QuestionId { get; set; } = "";

    /// <summary>Where scores are totalled: <c>platform/server</c>.</summary>
    public string Scope { get; set; } = "";

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public string Letter { get; set; } = "";

    public bool Correct { get; set; }

    public bool First { get; set; }

    public int Points { get; set; }

    public DateTime At { get; set; }

    public static string Key(string roundId, int index, string userId) => $"{roundId}:{index}:{userId}";
}
