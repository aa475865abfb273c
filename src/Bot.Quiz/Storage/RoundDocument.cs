using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>
/// A running round, stored under its channel's key: the key being the document id is what makes
/// two rounds in one channel impossible. Updated at every step so that a restart can resume it.
/// </summary>
internal sealed class RoundDocument : IStoredDocument
{
    /// <summary>The channel key (<c>platform/server/channel</c>).</summary>
    public string Id { get; set; } = "";

    public string RoundId { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    public string StarterId { get; set; } = "";

    public string StarterName { get; set; } = "";

    public string? Category { get; set; }

    public List<string> QuestionIds { get; set; } = [];

    /// <summary>The question now open (or about to be), 0-based.</summary>
    public int Index { get; set; }

    /// <summary>When the open question closes; null before it is posted.</summary>
    public DateTime? Deadline { get; set; }

    /// <summary>
    /// Whether the open question (<see cref="Index"/>) has closed: set, with the row locked, before its
    /// answers are read for the reveal, so an answer another instance records either comes before the
    /// close (and is in the reveal) or is refused.
    /// </summary>
    public bool Closed { get; set; }

    /// <summary>Questions in a row that nobody answered.</summary>
    public int Unanswered { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>
    /// Who asked, on an instance that does not run the round, for it to stop: the instance running it
    /// ends it when the open question closes. Null while nobody did.
    /// </summary>
    public string? StopRequestedBy { get; set; }
}
