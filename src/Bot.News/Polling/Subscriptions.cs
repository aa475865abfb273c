using System.Globalization;
using System.Text;
using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Replies;
using Bot.Core.Text;
using Bot.News.Feeds;
using Bot.News.Storage;
using Microsoft.Extensions.Options;

namespace Bot.News.Polling;

/// <summary>/news subscribe, unsubscribe, list and test.</summary>
internal sealed class Subscriptions(NewsStore store, FeedFetcher fetcher, NewsPoller poller, TimeProvider time, IOptions<NewsOptions> options)
{
    public async Task<Reply> SubscribeAsync(ChatAddress place, Caller caller, string urlOrPreset, string? filter, string? template, CancellationToken cancellationToken)
    {
        if (Resolve(urlOrPreset) is not { } url)
        {
            return Reply.Problem($"`{Clip(urlOrPreset)}` is neither an http(s) URL nor a preset; presets: {string.Join(", ", options.Value.Presets.Keys.Order(StringComparer.Ordinal))}.");
        }

        var (_, filterError) = ItemFilter.Parse(filter);
        if (filterError is not null)
        {
            return Reply.Problem(filterError);
        }

        var key = $"{place.Key}|{url}";
        var feeds = store.InChannel(place.Platform, place.Server, place.Channel).Count;
        if (store.FindByKey(key) is null && feeds >= options.Value.MaxFeedsPerChannel)
        {
            return Reply.Problem($"This channel follows {feeds} feeds, the most it may (News:MaxFeedsPerChannel = {options.Value.MaxFeedsPerChannel}); `/news unsubscribe` one first.");
        }

        var result = await fetcher.FetchAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        if (result.Feed is null)
        {
            return Reply.Problem($"I could not subscribe to {UrlRedaction.Mask(url)}: {MarkdownText.Literal(result.Error ?? "")}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var subscription = store.FindByKey(key) ?? new SubscriptionDocument
        {
            Id = OutboxIds.ForSubscription(key),
            Key = key,
            Platform = place.Platform,
            Server = place.Server,
            Channel = place.Channel,
            Url = url.ToString(),
            CreatedBy = caller.DisplayName,
            CreatedAt = now,
        };
        var resumed = subscription.Paused;
        (subscription.Paused, subscription.Failures, subscription.LastError) = (false, 0, null);
        (subscription.Filter, subscription.Template) = (filter, template);
        subscription.FeedTitle = result.Feed.Title is { Length: > 0 } title ? title : url.Host;
        (subscription.ETag, subscription.LastModified, subscription.LastSuccess) = (result.ETag, result.LastModified, now);
        subscription.NextPoll = now + options.Value.PollInterval;

        // The first fetch posts nothing (or only the newest item): the feed's back catalogue is not news.
        var items = result.Feed.Items;
        var newest = items.OrderByDescending(i => i.Date ?? DateTimeOffset.MinValue).ThenBy(i => i.Position).FirstOrDefault();
        var posts = options.Value.FirstFetch == "newest" && newest is not null && !store.Seen(subscription.Id, newest.Key)
            ? [NewsPosts.Item(subscription, newest, now)]
            : new List<OutboxDocument>();
        // Resuming puts the feed's parked posts back in line: the moderator has just fixed the channel,
        // and they are the news it missed (at most one poll's worth, as a paused feed is not polled).
        store.Subscribe(subscription, items.Select(i => i.Key), posts, now);
        await poller.DeliverAsync(cancellationToken).ConfigureAwait(false);
        var verb = resumed ? "Resumed" : "Subscribed to";
        return Reply.Say($"{verb} **{MarkdownText.Escape(subscription.FeedTitle)}** ({items.Count} item{(items.Count == 1 ? "" : "s")} now). New items will be posted here" +
            $"{(filter is null ? "" : $" when they match `{filter}`")}, checked every {Describe(options.Value.PollInterval)}.") with { Tone = Tone.Success };
    }

    public Reply Unsubscribe(ChatAddress place, string urlOrPreset)
    {
        var url = Resolve(urlOrPreset);
        var subscription = url is null ? null : store.FindByKey($"{place.Key}|{url}");
        if (subscription is null)
        {
            return Reply.Problem($"This channel is not subscribed to `{Clip(urlOrPreset)}`; `/news list` shows its feeds.");
        }

        store.Remove(subscription);
        return Reply.Say($"Unsubscribed from **{MarkdownText.Escape(subscription.FeedTitle)}**.") with { Tone = Tone.Success };
    }

    public Reply List(ChatAddress place)
    {
        var subscriptions = store.InChannel(place.Platform, place.Server, place.Channel);
        if (subscriptions.Count == 0)
        {
            return Reply.Say("This channel has no news feeds. A moderator can add one with `/news subscribe URL` or a preset: " +
                string.Join(", ", options.Value.Presets.Keys.Order(StringComparer.Ordinal)) + ".");
        }

        var text = new StringBuilder();
        foreach (var s in subscriptions.OrderBy(s => s.FeedTitle, StringComparer.Ordinal))
        {
            var state = s.Paused ? "**paused**" : s.Failures > 0 ? $"failing ({s.Failures})" : "active";
            var last = s.LastSuccess is { } ok ? ok.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";
            text.Append("- **").Append(MarkdownText.Escape(s.FeedTitle)).Append("** <").Append(UrlRedaction.Mask(s.Url)).Append(">: ").Append(state)
                .Append("; last success ").Append(last)
                .Append(s.LastError is null ? "" : $"; last error: {MarkdownText.Literal(s.LastError)}")
                .Append(s.Filter is null ? "" : $"; filter `{s.Filter}`").AppendLine();
        }

        return new Reply { Title = "News feeds in this channel", Text = text.ToString().TrimEnd() };
    }

    public async Task<Reply> TestAsync(string urlOrPreset, CancellationToken cancellationToken)
    {
        if (Resolve(urlOrPreset) is not { } url)
        {
            return Reply.Problem($"`{Clip(urlOrPreset)}` is neither an http(s) URL nor a preset.");
        }

        var result = await fetcher.FetchAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        if (result.Feed is null)
        {
            return Reply.Problem($"{UrlRedaction.Mask(url)}: {MarkdownText.Literal(result.Error ?? "")}.");
        }

        var newest = result.Feed.Items.OrderByDescending(i => i.Date ?? DateTimeOffset.MinValue).ThenBy(i => i.Position).FirstOrDefault();
        if (newest is null)
        {
            return Reply.Say($"**{MarkdownText.Escape(result.Feed.Title)}** is a feed, but it has no items right now.");
        }

        var preview = new SubscriptionDocument { FeedTitle = result.Feed.Title };
        var reply = NewsPosts.ToReply(NewsPosts.Item(preview, newest, time.GetUtcNow().UtcDateTime));
        return reply with { Footer = $"{reply.Footer} · preview of the newest of {result.Feed.Items.Count} items; nothing was saved" };
    }

    private Uri? Resolve(string text)
    {
        var value = options.Value.Presets.TryGetValue(text.Trim().ToLowerInvariant(), out var preset) ? preset : text.Trim();
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";

    /// <summary>What a member typed, echoed back short, without backticks and without any credentials in it.</summary>
    private static string Clip(string text)
    {
        var shown = UrlRedaction.Mask(text);
        return (shown.Length > 60 ? shown[..60] + "…" : shown).Replace('`', '\'');
    }
}
