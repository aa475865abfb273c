using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Replies;
using Bot.Core.Text;
using Bot.News.Polling;
using Bot.News.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.News.Announcements;

/// <summary>
/// Moderators' announcements: stored, posted through the outbox now or by a one-shot Quartz trigger
/// at their time, and re-registered at start so that none is lost by a restart.
/// </summary>
internal sealed partial class Announcer(NewsStore store, NewsPoller poller, ISchedulerFactory schedulers, IEnumerable<IChannelAuthority> authorities, IOptions<NewsOptions> options, TimeProvider time)
{
    private const string Group = "announcements";

    public async Task<Reply> CreateAsync(ChatAddress place, Caller caller, string text, string? at, string? channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var when = at is null ? now : ParseTime(at, now) ?? DateTimeOffset.MinValue;
        if (when == DateTimeOffset.MinValue)
        {
            return Reply.Problem($"`{at!.Replace('`', '\'')}` is not a time I understand; {TimeForms}");
        }

        if (when < now - TimeSpan.FromMinutes(1))
        {
            return Reply.Problem("That time is in the past.");
        }

        var waiting = store.PendingAnnouncements().Count(a => a.Platform == place.Platform && a.Server == place.Server);
        if (when > now && waiting >= options.Value.MaxPendingAnnouncements)
        {
            return Reply.Problem($"{waiting} announcements are already waiting here, the most there may be (News:MaxPendingAnnouncements = {options.Value.MaxPendingAnnouncements}); `/announce cancel` one first.");
        }

        // The binder already turned #name or <#id> into the channel's id.
        var target = channel is null ? place : place with { Channel = channel };

        // Another channel only of the caller's own server, and only where they moderate too.
        if (await authorities.CheckTargetAsync(place, target, caller, cancellationToken).ConfigureAwait(false) is { Allowed: false } refused)
        {
            return Reply.Problem(refused.Reason!);
        }

        var announcement = new AnnouncementDocument
        {
            Id = ShortId.New("a", 6),
            Platform = target.Platform,
            Server = target.Server,
            Channel = target.Channel,
            Text = NewsPosts.Neutralise(text),
            At = when.UtcDateTime,
            CreatedBy = caller.DisplayName,
            FromChannel = place.Channel,
        };
        store.Save(announcement);
        if (when <= now)
        {
            await PostAsync(announcement.Id, cancellationToken).ConfigureAwait(false);
            if (store.Announcement(announcement.Id) is { Paused: true, LastError: var error })
            {
                return Reply.Problem($"{target.Channel} refused the announcement ({MarkdownText.Literal(error ?? "")}); `/announce cancel {announcement.Id}` removes it.");
            }

            return Reply.Say($"Announced in {target.Channel}.") with { Tone = Tone.Success, Ephemeral = true };
        }

        await ScheduleAsync(announcement, cancellationToken).ConfigureAwait(false);
        return Reply.Say($"Announcement `{announcement.Id}` will be posted in {target.Channel} at {when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}. `/announce cancel {announcement.Id}` cancels it.")
            with { Tone = Tone.Success, Ephemeral = true };
    }

    public Reply List(ChatAddress place)
    {
        var pending = store.PendingAnnouncements().Where(a => a.Platform == place.Platform && a.Server == place.Server).ToList();
        if (pending.Count == 0)
        {
            return Reply.Say("No announcements are waiting.");
        }

        var text = new StringBuilder();
        foreach (var a in pending)
        {
            text.Append("- `").Append(a.Id).Append("` ").Append(a.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
                .Append(" in ").Append(a.Channel).Append(" by ").Append(MarkdownText.Literal(a.CreatedBy)).Append(": ")
                .Append(MarkdownText.Escape(a.Text.Length > 80 ? a.Text[..80] + "…" : a.Text))
                .AppendLine(a.Paused ? $" (**paused**: the channel refused it: {MarkdownText.Literal(a.LastError ?? "")})" : "");
        }

        return new Reply { Title = "Waiting announcements", Text = text.ToString().TrimEnd(), Ephemeral = true };
    }

    public async Task<Reply> CancelAsync(string id, CancellationToken cancellationToken)
    {
        if (store.Announcement(id) is not { Posted: false })
        {
            return Reply.Problem($"There is no waiting announcement `{id.Replace('`', '\'')}`; `/announce list` shows them.");
        }

        store.RemoveAnnouncement(id);
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(new JobKey(id, Group), cancellationToken).ConfigureAwait(false);
        return Reply.Say($"Cancelled announcement `{id}`.") with { Tone = Tone.Success, Ephemeral = true };
    }

    /// <summary>
    /// Queues the announcement through the outbox (once: the post's id is the announcement's) and delivers it.
    /// It is marked posted only in the transaction that marks its post sent, so a crash in between repeats
    /// the send under the same idempotency key instead of losing the announcement.
    /// </summary>
    public async Task PostAsync(string id, CancellationToken cancellationToken)
    {
        if (store.Announcement(id) is not { Posted: false, Paused: false } announcement)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        store.Queue(new OutboxDocument
        {
            Id = OutboxIds.ForAnnouncement(announcement.Id),
            AnnouncementId = announcement.Id,
            Platform = announcement.Platform,
            Server = announcement.Server,
            Channel = announcement.Channel,
            Title = "Announcement",
            Text = announcement.Text,
            Footer = $"from {MarkdownText.Literal(announcement.CreatedBy)}",
            CreatedAt = now,
            NextAttempt = now,
        });
        await poller.DeliverAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>At start: post what came due while the bot was down, schedule the rest.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var announcement in store.PendingAnnouncements())
        {
            if (announcement.At.ToUniversalTime() <= now)
            {
                await PostAsync(announcement.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ScheduleAsync(announcement, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ScheduleAsync(AnnouncementDocument announcement, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<AnnouncementJob>().WithIdentity(announcement.Id, Group).UsingJobData(AnnouncementJob.Key, announcement.Id).Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity(announcement.Id, Group).StartAt(new DateTimeOffset(announcement.At.ToUniversalTime(), TimeSpan.Zero)).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every form <see cref="ParseTime"/> takes, for the message that refuses any other.</summary>
    internal const string TimeForms = "use `in 30m` (minutes: `m` or `min`), `in 2h` (hours), `in 1d` (days), `2026-12-01T18:00Z` or `2026-12-01 18:00` (UTC).";

    // Only these unit letters, in either case: a guess at `M` (months?), `s` or `w` would post at a
    // time the moderator did not mean, so anything else is refused rather than read as days.
    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["m"] = TimeSpan.FromMinutes(1),
        ["min"] = TimeSpan.FromMinutes(1),
        ["h"] = TimeSpan.FromHours(1),
        ["d"] = TimeSpan.FromDays(1),
    };

    // Exact dates only: a lenient parse reads `10:30` as today on the machine's clock and `1 may` as 2001.
    private static readonly string[] AbsoluteForms = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    internal static DateTimeOffset? ParseTime(string text, DateTimeOffset now)
    {
        var relative = Relative().Match(text.Trim());
        if (relative.Success)
        {
            return Units.TryGetValue(relative.Groups["unit"].Value, out var unit)
                ? now + unit * int.Parse(relative.Groups["amount"].Value, CultureInfo.InvariantCulture)
                : null;
        }

        return DateTimeOffset.TryParseExact(text.Trim(), AbsoluteForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var absolute)
            ? absolute
            : null;
    }

    // ASCII digits only ([0-9], not \d, which also matches other scripts' digits that int.Parse refuses).
    [GeneratedRegex(@"^(?:in\s+)?(?<amount>[0-9]{1,5})\s*(?<unit>[a-z]+)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Relative();

}

/// <summary>Posts one announcement at its time.</summary>
internal sealed class AnnouncementJob(Announcer announcer) : IJob
{
    public const string Key = "announcement";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await announcer.PostAsync(context.MergedJobDataMap.GetString(Key) ?? "", cancellationToken).ConfigureAwait(false);
}
