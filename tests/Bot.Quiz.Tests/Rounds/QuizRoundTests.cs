using Bot.Core.Replies;
using Bot.Quiz.Storage;
using Bot.Quiz.Tests.Support;

namespace Bot.Quiz.Tests.Rounds;

public sealed class QuizRoundTests : StartedQuizTests
{
    private static readonly Bot.Core.Chat.Caller Alice = QuizHarness.Person("alice");
    private static readonly Bot.Core.Chat.Caller Bob = QuizHarness.Person("bob");
    private static readonly Bot.Core.Chat.Caller Carol = QuizHarness.Person("carol");
    private static readonly Bot.Core.Chat.Caller Mod = QuizHarness.Person("mod", moderator: true);

    private ValueTask<Reply> Answer(Bot.Core.Chat.Caller who, string letter) =>
        Quiz.SayAsync(who, "answer", new() { ["letter"] = letter });

    [Fact]
    public async Task Answer_ReachingAnInstanceThatDoesNotRunTheRound_CountsOnceAndIsRevealedByTheOwner_AndItsStopEndsTheRound()
    {
        // A second instance on the same store, as behind a load balancer: it runs no round loop.
        var other = new Bot.Quiz.Rounds.QuizEngine(Quiz.Get<Bot.Quiz.Bank.QuizBankProvider>(), Quiz.Get<QuizStores>(), Quiz.Publisher,
            Quiz.Get<Bot.Core.Storage.ILeaseStore>(), new Bot.Core.Storage.BotInstance("other"), Clock,
            Quiz.Get<Microsoft.Extensions.Options.IOptions<QuizOptions>>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Quiz.Rounds.QuizEngine>.Instance);
        await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "1" }, "start");
        var question = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 1");
        var right = Quiz.Letters(question).Right;

        var elsewhere = other.Answer(QuizHarness.Channel, Bob, right);
        var again = await Answer(Bob, right);
        var stop = await other.StopAsync(QuizHarness.Channel, Mod);
        Clock.Advance(TimeSpan.FromSeconds(21));
        var reveal = await Quiz.Publisher.WaitForTitleAsync("Answer to question 1");
        var summary = await Quiz.Publisher.WaitForTitleAsync("Quiz round stopped by mod");

        Assert.Equal(Tone.Success, elsewhere.Tone);
        Assert.Equal("You already answered question 1; your first answer counts.", again.Text);
        Assert.Equal("Stopping the quiz round: it ends when question 1 closes.", stop.Text);
        Assert.Equal("bob (first, +2)", reveal.Fields.Single(f => f.Name == "Right").Value);
        Assert.Contains("bob", summary.Text, StringComparison.Ordinal);
        Assert.Equal("No quiz question is open in this channel.", other.Answer(new("console", "local", "elsewhere"), Bob, right).Text);
    }

    [Fact]
    public async Task Round_AnswersFromSeveralPeople_ScoresRevealsAndSummarises()
    {
        var started = await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        Assert.StartsWith("Quiz round started by alice: 2 questions", started.Text, StringComparison.Ordinal);

        var first = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        var (right, wrong) = Quiz.Letters(first);
        Assert.Equal(Tone.Success, (await Answer(Bob, right)).Tone);
        Assert.Equal(Tone.Success, (await Answer(Alice, right)).Tone);
        Assert.Equal(Tone.Success, (await Answer(Carol, wrong)).Tone);
        var twice = await Answer(Bob, wrong);
        Assert.Equal("You already answered question 1; your first answer counts.", twice.Text);
        Assert.True(twice.Ephemeral);

        Clock.Advance(TimeSpan.FromSeconds(21));
        var reveal = await Quiz.Publisher.WaitForTitleAsync("Answer to question 1");
        Assert.Equal("bob (first, +2), alice (+1)", reveal.Fields.Single(f => f.Name == "Right").Value);
        Assert.Equal("3", reveal.Fields.Single(f => f.Name == "Answers").Value);
        Assert.StartsWith("https://", reveal.Fields.Single(f => f.Name == "Source").Value, StringComparison.Ordinal);
        // The closed question lost its buttons before the answer was shown.
        var (closedId, closed) = Assert.Single(Quiz.Publisher.Edits);
        Assert.EndsWith(":q0", closedId, StringComparison.Ordinal);
        Assert.Empty(closed.Buttons);
        Assert.Equal(first.Text, closed.Text);

        var second = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 2 of 2");
        Assert.Equal(Tone.Success, (await Answer(Carol, Quiz.Letters(second).Right)).Tone);
        Clock.Advance(TimeSpan.FromSeconds(25));
        var late = await Answer(Alice, "A");
        Assert.Contains(late.Text, new[] { "That question is closed; wait for the next one.", "No quiz question is open in this channel." });

        var summary = await Quiz.Publisher.WaitForTitleAsync("Quiz round over");
        Assert.Equal("1. bob: 2 points (1 right)\n2. carol: 2 points (1 right)\n3. alice: 1 point (1 right)", summary.Text.ReplaceLineEndings("\n"));

        var board = await Quiz.SayAsync(Carol, "quiz", new() { ["period"] = "all" }, "leaderboard");
        Assert.Equal("Quiz leaderboard · all time", board.Title);
        Assert.StartsWith("1. bob: 2 points (1/1 right)\n2. carol: 2 points (1/2 right)\n3. alice: 1 point (1/1 right)", board.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_TwoQuestionsUnanswered_StopsByItself()
    {
        await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "5" }, "start");

        for (var i = 1; i <= 2; i++)
        {
            await Quiz.Publisher.WaitForTitleAsync($"Quiz · question {i} of 5");
            Clock.Advance(TimeSpan.FromSeconds(21));
            await Quiz.Publisher.WaitForTitleAsync($"Answer to question {i}");
        }

        var stop = await Quiz.Publisher.WaitForTitleAsync("Quiz round stopped: nobody answered two questions in a row");
        Assert.Equal("Nobody answered this round.", stop.Text);
        Assert.Equal(0, Quiz.Engine.RunningCount);
        Assert.DoesNotContain(Quiz.Publisher.Posts, p => p.Reply.Title?.StartsWith("Quiz · question 3", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Start_WhileARoundRuns_IsRefused()
    {
        await Quiz.SayAsync(Alice, "quiz", null, "start");
        await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1");

        var again = await Quiz.SayAsync(Bob, "quiz", null, "start");

        Assert.Equal("A quiz round is already running here (question 1 of 5); `/quiz stop` ends it.", again.Text);
    }

    [Fact]
    public async Task Stop_ByAnotherMember_IsRefused_ByTheStarter_EndsWithTheSummary()
    {
        await Quiz.SayAsync(Alice, "quiz", null, "start");
        var first = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1");
        await Answer(Bob, Quiz.Letters(first).Right);

        var refused = await Quiz.SayAsync(Bob, "quiz", null, "stop");
        var stopped = await Quiz.SayAsync(Alice, "quiz", null, "stop");

        Assert.Equal("Only alice, who started this round, or a moderator can stop it.", refused.Text);
        Assert.Equal("Quiz round stopped by alice", stopped.Title);
        Assert.Equal("1. bob: 2 points (1 right)", stopped.Text);
        Assert.Equal(0, Quiz.Engine.RunningCount);
        Assert.Equal("No quiz round is running here.", (await Quiz.SayAsync(Mod, "quiz", null, "stop")).Text);
    }

    [Fact]
    public async Task Start_MoreQuestionsThanTheCategoryHolds_IsCappedWithANote()
    {
        var reply = await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "15", ["category"] = "Ubuntu" }, "start");

        Assert.Equal("Quiz round started by alice: 10 questions from ubuntu, 20 s each. Answer with the buttons or `/answer B`. You asked for 15; the bank has 10 in ubuntu questions.", reply.Text);
    }

    [Fact]
    public async Task Start_UnknownCategory_ListsTheCategories()
    {
        var reply = await Quiz.SayAsync(Alice, "quiz", new() { ["category"] = "cooking" }, "start");

        Assert.Equal("There is no quiz category `cooking`; categories: enterprise-linux, linux, rpm-packaging, ubuntu.", reply.Text);
    }

    [Fact]
    public async Task Rounds_NoQuestionRepeatsUntilTheCategoryIsUsedUp()
    {
        var seen = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            await Quiz.SayAsync(Mod, "quiz", new() { ["questions"] = "5", ["category"] = "ubuntu" }, "start");
            var first = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 5", skip: round);
            seen.AddRange(Quiz.Get<RoundStore>().Find(QuizHarness.Channel.Key)!.QuestionIds);
            await Answer(Alice, Quiz.Letters(first).Right);
            await Quiz.SayAsync(Mod, "quiz", null, "stop");
        }

        Assert.Equal(10, seen.Distinct().Count());
    }

    [Fact]
    public async Task Answers_200InOneSecond_AreEachRecordedExactlyOnce()
    {
        await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "1" }, "start");
        var question = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 1");
        var (right, wrong) = Quiz.Letters(question);
        var people = Enumerable.Range(0, 200).Select(i => QuizHarness.Person($"p{i}")).ToList();

        // Each person answers twice at once; only the first of the two may count.
        var replies = await Task.WhenAll(people.Concat(people).Select(p => Task.Run(async () =>
            await Answer(p, int.Parse(p.DisplayName[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? right : wrong))));

        Assert.Equal(200, replies.Count(r => r.Tone == Tone.Success));
        Assert.Equal(200, replies.Count(r => r.Text.StartsWith("You already answered", StringComparison.Ordinal)));
        var roundId = Quiz.Get<RoundStore>().Find(QuizHarness.Channel.Key)!.RoundId;
        var stored = Quiz.Get<AnswerStore>().ForRound(roundId);
        Assert.Equal(200, stored.Count);
        Assert.Equal(200, stored.Select(a => a.UserId).Distinct().Count());
        Assert.Single(stored, a => a.First);
        Assert.Equal(100 + 1, stored.Sum(a => a.Points));
    }
}
