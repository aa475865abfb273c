using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Text;
using Bot.Quiz.Bank;
using Bot.Quiz.Rounds;
using Bot.Quiz.Scheduling;
using Bot.Quiz.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Quiz.Commands;

/// <summary><c>/quiz start|stop|leaderboard|categories|schedule|unschedule</c> and the answer buttons.</summary>
internal sealed class QuizCommand : SubcommandHandler, IComponentHandler, IAutocompleteHandler
{
    /// <summary>The command's name, which its answer buttons carry.</summary>
    public const string Name = QuizButton.Command;

    /// <summary>How many upcoming rounds the interval check looks at.</summary>
    private const int GapSample = 100;

    private static readonly OptionSpec RoundQuestions = new("questions", OptionKind.Integer, "How many questions (default 5)") { MinValue = 1, MaxValue = 50 };
    private static readonly OptionSpec RoundCategory = new("category", OptionKind.Text, "Only this category, e.g. enterprise-linux") { Autocomplete = true, MaxLength = 40 };
    private static readonly OptionSpec Period = new("period", OptionKind.Choice, "week, month or all (default week)") { Choices = Leaderboard.Periods };
    private static readonly OptionSpec Cron = new("cron", OptionKind.Text, "minute hour day-of-month month day-of-week", Required: true) { TakesRest = true, MaxLength = 100 };
    private static readonly OptionSpec ScheduleQuestions = new("questions", OptionKind.Integer, "Questions per round") { MinValue = 1, MaxValue = 50 };
    private static readonly OptionSpec ScheduleCategory = new("category", OptionKind.Text, "Only this category") { Autocomplete = true, MaxLength = 40 };
    private static readonly OptionSpec TimeZone = new("timezone", OptionKind.Text, "An IANA time zone, e.g. Europe/Berlin (default UTC)") { MaxLength = 64 };
    private static readonly OptionSpec ScheduleId = new("id", OptionKind.Text, "The schedule's id; needed when there are several") { MaxLength = 20 };

    private readonly QuizEngine _engine;
    private readonly QuizBankProvider _banks;
    private readonly ScheduleStore _schedules;
    private readonly QuizScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly IOptions<QuizOptions> _options;

    public QuizCommand(
        QuizEngine engine,
        Leaderboard leaderboard,
        QuizBankProvider banks,
        ScheduleStore schedules,
        QuizScheduler scheduler,
        TimeProvider time,
        IOptions<QuizOptions> options)
        : base(new CommandSpec(Name, "Quiz rounds in this channel: start, stop, leaderboard, schedules") { Module = "Quiz" })
    {
        (_engine, _banks, _schedules, _scheduler, _time, _options) = (engine, banks, schedules, scheduler, time, options);
        Declare(
            new CommandSpec("start", "Start a round of questions here") { Options = [RoundQuestions, RoundCategory], Example = "/quiz start 5 enterprise-linux" },
            call => engine.Start(call.Place, call.Caller, (int?)call.Integer(RoundQuestions), Category(call.OptionalText(RoundCategory))));
        Declare(
            new CommandSpec("stop", "Stop the round (its starter or a moderator)") { Example = "/quiz stop" },
            async (call, _) => await engine.StopAsync(call.Place, call.Caller).ConfigureAwait(false));
        Declare(
            new CommandSpec("leaderboard", "Points on this server") { Options = [Period], Example = "/quiz leaderboard month" },
            call => leaderboard.Show(call.Place, call.Caller, call.OptionalText(Period) ?? "week"));
        Declare(new CommandSpec("categories", "The question categories and their sizes") { Example = "/quiz categories" }, _ => Categories());
        Declare(
            new CommandSpec("schedule", "Run rounds here on a cron schedule (moderators)")
            {
                Permission = Permission.Moderator,
                Options = [Cron, ScheduleQuestions, ScheduleCategory, TimeZone],
                Example = "/quiz schedule 0 18 * * 5 questions:5 timezone:Europe/Berlin",
            },
            async (call, cancellationToken) => await ScheduleAsync(call, cancellationToken).ConfigureAwait(false));
        Declare(
            new CommandSpec("unschedule", "Remove a schedule of this channel (moderators)")
            {
                Permission = Permission.Moderator,
                Options = [ScheduleId],
                Example = "/quiz unschedule",
            },
            async (call, cancellationToken) => await UnscheduleAsync(call, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ValueTask.FromResult(QuizButton.Parse(call.ComponentId) is { } button
            ? _engine.Answer(call.Place, call.Caller, button.Letter, button.RoundId, button.Index)
            : Reply.Problem("That button no longer does anything."));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(
            [.. _banks.Bank.Categories.Select(c => c.Category).Where(c => c.StartsWith(partial, StringComparison.OrdinalIgnoreCase))]);

    private string? Category(string? typed) =>
        typed is null ? null : _banks.Bank.Categories.Select(c => c.Category).FirstOrDefault(c => string.Equals(c, typed, StringComparison.OrdinalIgnoreCase)) ?? typed;

    private Reply Categories()
    {
        var lines = _banks.Bank.Categories.Select(c => $"- `{c.Category}`: {c.Count} questions");
        return new Reply { Title = "Quiz categories", Text = string.Join('\n', lines), Footer = "/quiz start 5 <category>" };
    }

    private async Task<Reply> ScheduleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        var cron = call.Text(Cron).Trim().Trim('"');
        var (quartz, error) = CronTranslator.ToQuartz(cron);
        if (quartz is null)
        {
            return Reply.Problem(error!);
        }

        var here = _schedules.InChannel(call.Place.Platform, call.Place.Server, call.Place.Channel);
        if (here.Count >= _options.Value.MaxSchedulesPerChannel)
        {
            return Reply.Problem($"This channel has {here.Count} quiz schedules, the most it may have (Quiz:MaxSchedulesPerChannel = {_options.Value.MaxSchedulesPerChannel}); `/quiz unschedule` one first.");
        }

        var zoneName = call.OptionalText(TimeZone) ?? "UTC";
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return Reply.Problem($"`{zoneName.Replace('`', '\'')}` is not a time zone I know; use an IANA name such as Europe/Berlin, America/New_York or UTC.");
        }

        if (ShortestGap(quartz, zone) is { } gap && gap < _options.Value.MinScheduleInterval)
        {
            return Reply.Problem($"`{cron}` would start rounds {Describe(gap)} apart; schedules here need at least {Describe(_options.Value.MinScheduleInterval)} between rounds (Quiz:MinScheduleInterval).");
        }

        var category = Category(call.OptionalText(ScheduleCategory));
        if (category is not null && _banks.Bank.InCategory(category).Count == 0)
        {
            return Reply.Problem($"There is no quiz category `{category}`; see /quiz categories.");
        }

        var questions = (int)(call.Integer(ScheduleQuestions) ?? _options.Value.DefaultQuestions);
        var schedule = new ScheduleDocument
        {
            Id = ShortId.New("s", 6),
            Platform = call.Place.Platform,
            Server = call.Place.Server,
            Channel = call.Place.Channel,
            Cron = cron,
            TimeZone = zone.Id,
            Questions = questions,
            Category = category,
            CreatedBy = call.Caller.DisplayName,
            CreatedAt = _time.GetUtcNow().UtcDateTime,
        };
        _schedules.Add(schedule);
        await _scheduler.RegisterAsync(schedule, cancellationToken).ConfigureAwait(false);
        var next = CronTranslator.Next(quartz, zone, _time.GetUtcNow(), 3)
            .Select(t => t.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return new Reply
        {
            Title = $"Quiz scheduled ({schedule.Id})",
            Text = $"A round of {questions} question{(questions == 1 ? "" : "s")}{(category is null ? "" : $" from {category}")} at `{cron}` ({zone.Id}).",
            Fields = [new ReplyField("Next rounds", string.Join('\n', next))],
            Footer = $"/quiz unschedule {schedule.Id} removes it",
            Tone = Tone.Success,
        };
    }

    /// <summary>The shortest time between two of the next <see cref="GapSample"/> rounds; a cron's pattern repeats well within that many.</summary>
    private TimeSpan? ShortestGap(string quartz, TimeZoneInfo zone)
    {
        var times = CronTranslator.Next(quartz, zone, _time.GetUtcNow(), GapSample);
        return times.Count < 2 ? null : times.Zip(times.Skip(1), (a, b) => b - a).Min();
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0} min";

    private async Task<Reply> UnscheduleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        var here = _schedules.InChannel(call.Place.Platform, call.Place.Server, call.Place.Channel);
        var id = call.OptionalText(ScheduleId);
        var target = id is null ? (here.Count == 1 ? here[0] : null) : here.FirstOrDefault(s => s.Id == id);
        if (target is null)
        {
            return here.Count == 0
                ? Reply.Problem("This channel has no quiz schedule.")
                : Reply.Problem($"Which one? {string.Join("; ", here.Select(s => $"`{s.Id}` at `{s.Cron}` ({s.TimeZone}){(s.Paused ? ", paused" : "")}"))}. e.g. `/quiz unschedule {here[0].Id}`");
        }

        _schedules.Remove(target.Id);
        await _scheduler.RemoveAsync(target.Id, cancellationToken).ConfigureAwait(false);
        return Reply.Say($"Removed the quiz schedule `{target.Id}` (`{target.Cron}`, {target.TimeZone}).") with { Tone = Tone.Success };
    }
}
