using System.Collections.Concurrent;
using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Storage;
using Bot.Core.Replies;
using Bot.Core.Text;
using Bot.Quiz.Bank;
using Bot.Quiz.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Bot.Quiz.Rounds;

/// <summary>
/// Runs quiz rounds: one per channel, each question open for the answer window, every answer's
/// points committed when given, the round's progress stored at every step so that a restart
/// resumes it where it was.
/// </summary>
internal sealed partial class QuizEngine(
    QuizBankProvider banks,
    QuizStores stores,
    IChatPublisher publisher,
    ILeaseStore leases,
    BotInstance instance,
    TimeProvider time,
    IOptions<QuizOptions> options,
    ILogger<QuizEngine> logger)
{
    /// <summary>
    /// The lease of a round's channel: the instance holding it runs the round's loop (posts the
    /// questions, closes them, reveals). Another instance adopts the round once the lease lapses.
    /// </summary>
    internal const string RoundLeasePrefix = "quiz.round/";

    // A post that failed for now (the platform is busy, or not connected yet after a restart) is
    // tried again with backoff for about a minute; a post refused for good ends the round.
    /// <summary>The starter id of a round a schedule started: <c>schedule:ID</c>.</summary>
    internal const string ScheduleStarterPrefix = "schedule:";

    private const int PostRetries = 6;
    private static readonly TimeSpan FirstPostRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPostRetry = TimeSpan.FromSeconds(20);

    private readonly ResiliencePipeline<PublishResult> _posting = new ResiliencePipelineBuilder<PublishResult> { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions<PublishResult>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Posted: false, Permanent: false }),
            MaxRetryAttempts = PostRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = FirstPostRetry,
            MaxDelay = LongestPostRetry,
        })
        .Build();

    private readonly ConcurrentDictionary<string, RunningRound> _running = new(StringComparer.Ordinal);
    private readonly Lock _picking = new();
    private volatile bool _shuttingDown;

    private QuizBank Bank => banks.Bank;

    public int RunningCount => _running.Count;

    public Reply Start(ChatAddress place, Caller starter, long? requested, string? category)
    {
        var settings = options.Value;
        var pool = Bank.InCategory(category);
        if (pool.Count == 0)
        {
            var known = string.Join(", ", Bank.Categories.Select(c => c.Category));
            return Reply.Problem(category is null ? "The question banks are empty." : $"There is no quiz category `{category}`; categories: {known}.");
        }

        // The channel's lease first: whoever holds it (a round here, the adoption sweep, another
        // instance) is running or taking a round in this channel, and a second one is refused.
        if (HeldLease.TryTake(leases, RoundLeasePrefix + place.Key, instance, time) is not { } lease)
        {
            return AlreadyRunning(place);
        }

        var wanted = (int)(requested ?? settings.DefaultQuestions);
        var count = Math.Min(Math.Min(wanted, settings.MaxQuestions), pool.Count);
        RoundDocument round;
        try
        {
            round = new RoundDocument
            {
                Id = place.Key,
                RoundId = ShortId.New("", 8),
                Platform = place.Platform,
                Server = place.Server,
                Channel = place.Channel,
                StarterId = starter.Id,
                StarterName = starter.DisplayName,
                Category = category is null ? null : pool[0].Category,
                QuestionIds = Pick(place.Key, pool, count),
                StartedAt = time.GetUtcNow().UtcDateTime,
            };
            if (!stores.Rounds.TryStart(round))
            {
                lease.GiveUp();
                return AlreadyRunning(place);
            }
        }
        catch
        {
            lease.GiveUp();
            throw;
        }

        Launch(round, resumed: false, lease);
        LogStarted(logger, round.RoundId, place.Key, count);
        var capped = count < wanted
            ? $" You asked for {wanted}; {(wanted > settings.MaxQuestions ? $"a round has at most {settings.MaxQuestions}" : $"the bank has {pool.Count} {(category is null ? "" : $"in {round.Category} ")}questions")}."
            : "";
        return Reply.Say($"Quiz round started by {MarkdownText.Literal(starter.DisplayName)}: {count} question{(count == 1 ? "" : "s")}" +
            $"{(round.Category is null ? "" : $" from {round.Category}")}, {settings.AnswerWindow.TotalSeconds:0} s each. " +
            $"Answer with the buttons or `/answer B`.{capped}");
    }

    private Reply AlreadyRunning(ChatAddress place)
    {
        var current = stores.Rounds.Find(place.Key);
        var where = current is null ? "" : $" (question {current.Index + 1} of {current.QuestionIds.Count})";
        return Reply.Problem($"A quiz round is already running here{where}; `/quiz stop` ends it.");
    }

    public async Task<Reply> StopAsync(ChatAddress place, Caller caller)
    {
        if (!_running.TryGetValue(place.Key, out var running))
        {
            // Run by another instance (a load balancer, a shard, an adopted round): it is asked, through
            // the stored round, and ends the round when the open question closes.
            if (stores.Rounds.Find(place.Key) is not { } stored)
            {
                return Reply.Problem("No quiz round is running here.");
            }

            if (stored.StarterId != caller.Id && !caller.IsModerator)
            {
                return Reply.Problem($"Only {MarkdownText.Literal(stored.StarterName)}, who started this round, or a moderator can stop it.");
            }

            return stores.Rounds.RequestStop(place.Key, stored.RoundId, caller.DisplayName)
                ? Reply.Say($"Stopping the quiz round: it ends when question {stored.Index + 1} closes.")
                : Reply.Problem("No quiz round is running here.");
        }

        if (running.Document.StarterId != caller.Id && !caller.IsModerator)
        {
            return Reply.Problem($"Only {MarkdownText.Literal(running.Document.StarterName)}, who started this round, or a moderator can stop it.");
        }

        running.StopRequested = true;
        await running.Stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ended as asked.
        }

        Forget(running);
        return QuizReplies.Summary(running.Document, stores.Answers.ForRound(running.Document.RoundId), $"Quiz round stopped by {MarkdownText.Literal(caller.DisplayName)}");
    }

    public Reply Answer(ChatAddress place, Caller caller, string letter, string? roundId = null, int? index = null)
    {
        if (!_running.TryGetValue(place.Key, out var running))
        {
            // Behind a load balancer an answer may reach an instance that does not run the round:
            // the stored round says which question is open, and the answer's id counts it once.
            if (stores.Rounds.Find(place.Key) is not { Deadline: not null } stored || stored.Index >= stored.QuestionIds.Count
                || Bank.Find(stored.QuestionIds[stored.Index]) is not { } open)
            {
                return Reply.Problem("No quiz question is open in this channel.");
            }

            return stores.Rounds.WhileOpen(place.Key, stored.RoundId, stored.Index, () => Record(place, caller, letter, stored, open, roundId, index))
                ?? Reply.Problem("That question is closed; wait for the next one.");
        }

        lock (running.Gate)
        {
            return running.Open && running.Question is { } question
                ? Record(place, caller, letter, running.Document, question, roundId, index)
                : Reply.Problem("That question is closed; wait for the next one.");
        }
    }

    private Reply Record(ChatAddress place, Caller caller, string letter, RoundDocument round, QuizQuestion question, string? roundId, int? index)
    {
        if (roundId is not null && (roundId != round.RoundId || index != round.Index))
        {
            return Reply.Problem("That question is closed; wait for the next one.");
        }

        var choice = letter.Trim().ToUpperInvariant();
        var choiceIndex = choice.Length == 1 ? choice[0] - 'A' : -1;
        if (choiceIndex < 0 || choiceIndex >= question.Choices.Count)
        {
            return Reply.Problem($"Question {round.Index + 1} has choices A-{QuizQuestion.Letter(question.Choices.Count - 1)}; answer with one letter, e.g. `/answer B`.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (round.Deadline is { } deadline && now > deadline.ToUniversalTime())
        {
            return Reply.Problem($"Too late: question {round.Index + 1} is closed.");
        }

        var recorded = stores.Answers.Record(new AnswerDocument
        {
            Id = AnswerDocument.Key(round.RoundId, round.Index, caller.Id),
            RoundId = round.RoundId,
            Index = round.Index,
            QuestionId = question.Id,
            Scope = $"{place.Platform}/{place.Server}",
            UserId = caller.Id,
            UserName = caller.DisplayName,
            Letter = choice,
            Correct = choiceIndex == question.AnswerIndex,
            At = now,
        }, options.Value.FirstCorrectBonus);
        if (recorded is not null)
        {
            Bot.Core.Diagnostics.BotMetrics.QuizAnswers.Add(1);
        }

        return recorded is null
            ? Reply.Problem($"You already answered question {round.Index + 1}; your first answer counts.")
            : Reply.Private($"Got it, {MarkdownText.Literal(caller.DisplayName)}: {choice} for question {round.Index + 1}.", Tone.Success);
    }

    /// <summary>
    /// Resumes every stored round that no instance runs: at start, those this bot ran when it stopped;
    /// later (on a shared store), those of an instance that died, once their lease has lapsed.
    /// </summary>
    public void ResumeAll()
    {
        foreach (var round in stores.Rounds.All())
        {
            // A round this process runs, or one whose channel's lease someone holds (a round being
            // started or ended here, or another instance), is not taken; nor any once shutdown began.
            if (_shuttingDown || _running.ContainsKey(round.Id)
                || HeldLease.TryTake(leases, RoundLeasePrefix + round.Id, instance, time) is not { } lease)
            {
                continue;
            }

            RoundDocument? current;
            try
            {
                // Read again under the lease: the round may have ended between the listing and the take.
                current = stores.Rounds.Find(round.Id);
            }
            catch
            {
                lease.GiveUp();
                throw;
            }

            if (current is null || current.RoundId != round.RoundId || _shuttingDown)
            {
                lease.GiveUp();
                continue;
            }

            LogResumed(logger, current.RoundId, current.Id, current.Index + 1);
            Launch(current, resumed: true, lease);
        }
    }

    /// <summary>
    /// Stops the loops for shutdown; the rounds stay stored and resume at the next start, or at once
    /// on another instance, since their leases are given up.
    /// </summary>
    public async Task ShutdownAsync()
    {
        // The adoption sweep may still fire until Quartz stops: it must not take back what is given up here.
        _shuttingDown = true;
        foreach (var running in _running.Values)
        {
            await running.Stopping.CancelAsync().ConfigureAwait(false);
        }

        foreach (var running in _running.Values)
        {
            try
            {
                await running.Loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected.
            }

            await running.Lease.DisposeAsync().ConfigureAwait(false);
        }

        _running.Clear();
    }

    private void Launch(RoundDocument round, bool resumed, HeldLease lease)
    {
        var running = new RunningRound(round, lease);
        _running[round.Id] = running;
        running.Loop = Task.Run(() => RunAsync(running, resumed));
    }

    private async Task RunAsync(RunningRound running, bool resumed)
    {
        var round = running.Document;
        // The loop stops for /quiz stop, for shutdown, and when the lease is lost to another instance.
        using var stoppingOrLost = CancellationTokenSource.CreateLinkedTokenSource(running.Stopping.Token, running.Lease.Lost);
        var stopping = stoppingOrLost.Token;
        var window = options.Value.AnswerWindow;
        try
        {
            while (round.Index < round.QuestionIds.Count)
            {
                var question = Bank.Find(round.QuestionIds[round.Index]);
                if (question is null)
                {
                    // The bank changed since the round started; skip what no longer exists.
                    Advance(round, answered: true);
                    continue;
                }

                var reopened = round.Deadline is not null;
                if (round.Deadline is null)
                {
                    round.Deadline = time.GetUtcNow().UtcDateTime + window;
                    stores.Rounds.Update(round);
                }

                var deadline = round.Deadline.Value.ToUniversalTime();
                lock (running.Gate)
                {
                    running.Question = question;
                    running.Open = true;
                }

                if (resumed)
                {
                    // Said once the question is open again: answers that arrive with the first sync
                    // after a restart meet an open question, not "no question is open".
                    resumed = false;
                    await PostAsync(running, Reply.Say($"Resuming the quiz round after a restart: question {round.Index + 1} of {round.QuestionIds.Count}."), "resume", stopping).ConfigureAwait(false);
                }

                string? questionMessage = null;
                if (!reopened || deadline > time.GetUtcNow().UtcDateTime)
                {
                    questionMessage = await PostAsync(running, QuizReplies.Question(round, question, window), $"q{round.Index}", stopping).ConfigureAwait(false);
                }

                var wait = deadline - time.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                }

                IReadOnlyList<AnswerDocument> answers;
                lock (running.Gate)
                {
                    running.Open = false;
                    // Closed in the store too, before the answers are read: one another instance is
                    // recording now is waited for, and one after this is refused.
                    round.Closed = true;
                    stores.Rounds.Update(round);
                    answers = stores.Answers.ForQuestion(round.RoundId, round.Index);
                }

                if (questionMessage is not null)
                {
                    // Buttons on a closed question invite presses that can only be refused; where the
                    // platform can edit, they go. Where it cannot, the refusal explains.
                    await publisher.EditAsync(running.Place, questionMessage, QuizReplies.Closed(round, question, window), stopping).ConfigureAwait(false);
                }

                await PostAsync(running, QuizReplies.Reveal(round, question, answers), $"r{round.Index}", stopping).ConfigureAwait(false);
                Advance(round, answers.Count > 0);
                if (round.StopRequestedBy is { } by)
                {
                    await FinishAsync(running, $"Quiz round stopped by {MarkdownText.Literal(by)}").ConfigureAwait(false);
                    return;
                }

                if (round.Unanswered >= 2)
                {
                    await FinishAsync(running, "Quiz round stopped: nobody answered two questions in a row").ConfigureAwait(false);
                    return;
                }
            }

            await FinishAsync(running, "Quiz round over").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.Lease.Lost.IsCancellationRequested && !running.Stopping.IsCancellationRequested)
        {
            // Another instance runs the round now: this one lets go without touching the stored round.
            _running.TryRemove(new KeyValuePair<string, RunningRound>(round.Id, running));
            await running.Lease.DisposeAsync().ConfigureAwait(false);
            LogLeaseLost(logger, round.RoundId, round.Id);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped by /quiz stop (which posts the summary) or by shutdown (the round resumes at the next start).
        }
        catch (ChannelRefusedException refused)
        {
            // The channel refused for good: the round cannot be played there, and a schedule that
            // would start the next one pauses until a moderator schedules again.
            Forget(running);
            LogRefused(logger, round.RoundId, round.Id, refused.Message);
            if (round.StarterId.StartsWith(ScheduleStarterPrefix, StringComparison.Ordinal))
            {
                stores.Schedules.Pause(round.StarterId[ScheduleStarterPrefix.Length..], refused.Message, time.GetUtcNow().UtcDateTime);
            }
        }
        catch (Exception ex)
        {
            // A failed round cannot go on by itself, and a stored round without a loop would make the
            // channel's `/quiz start` refuse and `/quiz stop` deny it until a restart: it ends here.
            Forget(running);
            LogFailed(logger, ex, round.RoundId, round.Id);
        }
    }

    private void Advance(RoundDocument round, bool answered)
    {
        round.Unanswered = answered ? 0 : round.Unanswered + 1;
        round.Index++;
        round.Deadline = null;
        round.Closed = false;
        stores.Rounds.Update(round);
    }

    private async Task FinishAsync(RunningRound running, string how)
    {
        var round = running.Document;
        Forget(running);
        await PostAsync(running, QuizReplies.Summary(round, stores.Answers.ForRound(round.RoundId), how), "end", CancellationToken.None).ConfigureAwait(false);
        LogFinished(logger, round.RoundId, how);
    }

    /// <summary>
    /// Ends a round in this process and in the store. Only this round is removed, never a newer one
    /// of the same channel; the process entry goes first because the stored document is what keeps
    /// a new round from starting before it is gone.
    /// </summary>
    private void Forget(RunningRound running)
    {
        var round = running.Document;
        _running.TryRemove(new KeyValuePair<string, RunningRound>(round.Id, running));
        try
        {
            stores.Rounds.End(round.Id, round.RoundId);
        }
        finally
        {
            // Given up last: while it is held, no instance adopts the round being ended. Given up even
            // when the end failed (the store out of reach): the stored round is then adopted again.
            running.Lease.GiveUp();
        }
    }

    /// <summary>
    /// Posts one step of a round, trying again while the failure is transient (the same key each
    /// time, so the platform drops a repeat); returns the message id when the platform gave one.
    /// </summary>
    /// <exception cref="ChannelRefusedException">The channel refused the post for good.</exception>
    private async Task<string?> PostAsync(RunningRound running, Reply reply, string step, CancellationToken cancellationToken)
    {
        var key = $"quiz:{running.Document.RoundId}:{step}";
        var result = await _posting.ExecuteAsync(
            async token => await publisher.PublishAsync(running.Place, reply, key, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (result.Permanent)
        {
            throw new ChannelRefusedException(result.Error ?? "the channel refused the post");
        }

        if (!result.Posted)
        {
            LogPostFailed(logger, running.Document.RoundId, result.Error ?? "unknown");
        }

        return result.Posted ? result.MessageId : null;
    }

    private List<string> Pick(string channelKey, IReadOnlyList<QuizQuestion> pool, int count)
    {
        lock (_picking)
        {
            var asked = stores.History.Asked(channelKey);
            var fresh = pool.Where(q => !asked.Contains(q.Id)).ToList();
            if (fresh.Count < count)
            {
                // This bank is used up in this channel: start it over, keeping its other categories' history.
                asked.ExceptWith(pool.Select(q => q.Id));
                fresh = [.. pool];
            }

            var picked = fresh.OrderBy(_ => Random.Shared.Next()).Take(count).Select(q => q.Id).ToList();
            asked.UnionWith(picked);
            stores.History.Save(channelKey, asked);
            return picked;
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Quiz round {RoundId} started in {Channel} with {Count} questions")]
    private static partial void LogStarted(ILogger logger, string roundId, string channel, int count);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Quiz round {RoundId} in {Channel} ended: the channel refused its post for good ({Reason})")]
    private static partial void LogRefused(ILogger logger, string roundId, string channel, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Quiz round {RoundId} in {Channel} resumed at question {Question}")]
    private static partial void LogResumed(ILogger logger, string roundId, string channel, int question);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Quiz round {RoundId}: {How}")]
    private static partial void LogFinished(ILogger logger, string roundId, string how);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Quiz round {RoundId} in {Channel} failed and was ended; the channel can start another")]
    private static partial void LogFailed(ILogger logger, Exception exception, string roundId, string channel);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Quiz round {RoundId} in {Channel}: its lease could not be renewed; another instance goes on with it")]
    private static partial void LogLeaseLost(ILogger logger, string roundId, string channel);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Quiz round {RoundId}: a post failed: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string roundId, string error);
}
