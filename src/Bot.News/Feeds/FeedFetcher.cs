using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Bot.News.Feeds;

/// <summary>The outcome of one fetch: a feed, "not modified", or a failure in words.</summary>
internal sealed record FetchResult(Feed? Feed, bool NotModified, string? ETag, string? LastModified, string? Error);

/// <summary>
/// Fetches feeds politely: conditional GET, a size limit, a timeout, and a minimum gap between two
/// requests to the same host.
/// </summary>
internal sealed class FeedFetcher(HttpClient http, IOptions<NewsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRequest = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        await WaitForHostAsync(url, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8");
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchResult(null, true, etag, lastModified, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed($"{url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var max = options.Value.MaxFeedMegabytes * 1024L * 1024;
            if (response.Content.Headers.ContentLength > max)
            {
                return Failed($"the feed is {response.Content.Headers.ContentLength / 1048576} MB, over the limit of {max / 1048576} MB");
            }

            var body = new MemoryStream();
            await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > max)
                    {
                        return Failed($"the feed is larger than the limit of {max / 1048576} MB; stopped reading");
                    }

                    body.Write(buffer, 0, read);
                }
            }

            body.Position = 0;
            var feed = FeedParser.Parse(body, url);
            return new FetchResult(feed, false, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), null);
        }
        catch (FeedException ex)
        {
            return Failed(ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"no answer within {options.Value.FetchTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return Failed($"{url.Host} could not be reached ({ex.HttpRequestError})");
        }
    }

    private static FetchResult Failed(string error) => new(null, false, null, null, error);

    private async Task WaitForHostAsync(Uri url, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var gap = options.Value.HostPoliteness;
        var next = now;
        _lastRequest.AddOrUpdate(url.Host, now, (_, last) =>
        {
            next = last + gap > now ? last + gap : now;
            return next;
        });
        if (next > now)
        {
            await Task.Delay(next - now, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
