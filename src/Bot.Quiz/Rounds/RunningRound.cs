using Bot.Core.Chat;
using Bot.Core.Storage;
using Bot.Quiz.Bank;
using Bot.Quiz.Storage;

namespace Bot.Quiz.Rounds;

/// <summary>A round's live state in this process; its durable state is its <see cref="RoundDocument"/>.</summary>
internal sealed class RunningRound(RoundDocument document, HeldLease lease)
{
    /// <summary>The round's lease, held while this process runs it.</summary>
    public HeldLease Lease { get; } = lease;

    public RoundDocument Document { get; } = document;

    public ChatAddress Place { get; } = new(document.Platform, document.Server, document.Channel);

    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>Guards <see cref="Open"/> and the recording of answers against the question closing.</summary>
    public Lock Gate { get; } = new();

    public bool Open { get; set; }

    public QuizQuestion? Question { get; set; }

    public bool StopRequested { get; set; }

    public Task Loop { get; set; } = Task.CompletedTask;
}
