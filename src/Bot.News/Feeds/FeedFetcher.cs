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
    /// <summary>The redirects a feed reader follows; 300 and 304 are answers, not redirects.</summary>
    private static readonly HashSet<HttpStatusCode> FollowedStatuses =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRequest = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsWeb(url))
        {
            return Failed($"it is a {url.Scheme}: address; I only read http and https feeds");
        }

        await WaitForHostAsync(url, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeout);
        try
        {
            var (response, refusal) = await SendFollowingRedirectsAsync(url, etag, lastModified, timeout.Token).ConfigureAwait(false);
            if (response is null)
            {
                return Failed(refusal!);
            }

            using var _ = response;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchResult(null, true, etag, lastModified, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed($"{response.RequestMessage?.RequestUri?.Host ?? url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}");
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
        catch (HttpRequestException ex) when (IsRefusal(ex))
        {
            // The same words whatever is (or is not) listening there: no connection was opened to find out.
            return Failed(PublicAddress.Refusal);
        }
        catch (HttpRequestException ex)
        {
            return Failed($"{url.Host} could not be reached ({ex.HttpRequestError})");
        }
    }

    private static FetchResult Failed(string error) => new(null, false, null, null, error);

    private static bool IsWeb(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    private static bool IsRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is AddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sends the GET and follows up to <see cref="FeedHttp.MaxRedirects"/> redirects itself, each one only to http(s)
    /// and never from https down to http; every hop connects through the client's address guard. Returns the final
    /// response, or why a redirect was not followed.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, string? Refusal)> SendFollowingRedirectsAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var target = url;
        for (var redirects = 0; ; redirects++)
        {
            using var request = Request(target, etag, lastModified);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!FollowedStatuses.Contains(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return (response, null);
            }

            response.Dispose();
            var next = new Uri(target, location);
            if (!IsWeb(next))
            {
                return (null, $"it redirects to a {next.Scheme}: address; I only follow http and https");
            }

            if (target.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            {
                return (null, "it redirects from https to plain http, which I do not follow");
            }

            if (redirects == FeedHttp.MaxRedirects)
            {
                return (null, $"it redirects more than {FeedHttp.MaxRedirects} times; I stop there");
            }

            target = next;
        }
    }

    private static HttpRequestMessage Request(Uri url, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8");
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

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
