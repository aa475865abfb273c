using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Bot.Core.Resilience;
using Bot.Core.Text;
using Bot.Packages.Repodata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Packages.Sync;

/// <summary>
/// Syncs one repository into its cache directory: a conditional GET of repomd.xml (an unchanged
/// revision downloads nothing more), then each wanted file by its <c>location href</c>, verified
/// against its repomd checksum. New files replace the old ones only when every file is good, so a
/// failure keeps the last good index.
/// </summary>
internal sealed partial class RepoSyncer(
    [FromKeyedServices(RepoSyncer.HttpClientKey)] HttpClient http,
    RepoCache cache,
    RepoStateStore states,
    IOptions<PackagesOptions> options,
    TimeProvider time,
    ILogger<RepoSyncer> logger)
{
    /// <summary>The key of the HTTP client for repositories, which carries their client certificates.</summary>
    public const string HttpClientKey = "repositories";

    private const string RepomdName = RepoCache.RepomdName;

    private const string RepomdPath = "repodata/" + RepomdName;

    /// <summary>Where the new compact index waits until every file of the sync is in place.</summary>
    private const string StagedIndex = Index.IndexFormat.FileName + ".new";

    /// <summary>How often one file is tried again when the mirror fails for a reason that can pass.</summary>
    private const int FileRetries = 3;

    private readonly ResiliencePipeline _retry = Retries.Pipeline(
        time,
        new RetryPlan(options.Value.RetryDelay, options.Value.RetryDelay * 8, FileRetries),
        ex => ex is HttpRequestException or TransientHttpException || (ex is TaskCanceledException cancelled && !cancelled.CancellationToken.IsCancellationRequested));

    public async Task<SyncResult> SyncAsync(RepoOptions repo, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = states.Get(repo.Id);
        state.LastAttempt = time.GetUtcNow().UtcDateTime;
        try
        {
            var result = await SyncCoreAsync(repo, state, cancellationToken).ConfigureAwait(false);
            state.LastError = null;
            state.LastSuccess = time.GetUtcNow().UtcDateTime;
            states.Save(state);
            return result with { Took = clock.Elapsed };
        }
        catch (Exception ex) when (ex is RepodataException or HttpRequestException or TransientHttpException or IOException or InvalidDataException
            or TaskCanceledException { CancellationToken.IsCancellationRequested: false } or UnauthorizedAccessException or CryptographicException)
        {
            var message = ex is TaskCanceledException ? $"timed out after {options.Value.HttpTimeout}" : ex.Message;
            state.LastError = message;
            states.Save(state);
            LogFailed(logger, repo.Id, message);
            return new SyncResult(repo.Id, false, 0, 0, state.Packages, clock.Elapsed, message);
        }
    }

    private async Task<SyncResult> SyncCoreAsync(RepoOptions repo, RepoState state, CancellationToken cancellationToken)
    {
        var directory = cache.Directory(repo.Id);
        Directory.CreateDirectory(directory);
        // The state may be another instance's (a shared store): it describes this cache only when this
        // cache's repomd.xml is of the state's revision and every file it names is here.
        var cached = state.Files.Count > 0 && state.Files.Values.All(f => File.Exists(Path.Combine(directory, f)))
            && (state.Revision is null || cache.CachedRevision(repo.Id) == state.Revision);
        var (repomdBytes, etag, lastModified) = await FetchRepomdAsync(repo, cached ? state : null, cancellationToken).ConfigureAwait(false);
        if (repomdBytes is null)
        {
            return new SyncResult(repo.Id, false, 0, 0, state.Packages, TimeSpan.Zero, null);
        }

        var repomd = RepomdParser.Parse(new MemoryStream(repomdBytes), $"{repo.Id}/{RepomdName}");
        if (cached && repomd.Revision is not null && repomd.Revision == state.Revision)
        {
            (state.ETag, state.LastModified) = (etag, lastModified);
            return new SyncResult(repo.Id, false, 0, 0, state.Packages, TimeSpan.Zero, null);
        }

        // Every href is checked before anything is downloaded: one that leaves the repository fails the sync.
        var wanted = MetadataTypes.Listed(repomd, $"{repo.Id}/{RepomdName}").Select(l => (l.Type, l.Record, Url: RepoHref.Resolve(repo, l.Record.Href))).ToList();

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var staged = new List<(string Temporary, string Final)>();
        long bytes = 0;
        var packages = 0;
        try
        {
            foreach (var (type, record, url) in wanted)
            {
                var name = MetadataTypes.CachedName(record);
                files[type] = name;
                var final = Path.Combine(directory, name);
                if (File.Exists(final) && await ChecksumMatchesAsync(final, record, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var temporary = final + ".part";
                bytes += await DownloadAsync(repo, record, url, temporary, cancellationToken).ConfigureAwait(false);
                if (!await ChecksumMatchesAsync(temporary, record, cancellationToken).ConfigureAwait(false))
                {
                    throw new RepodataException($"{repo.Id}/{name}: checksum mismatch ({record.ChecksumType} in repomd.xml is {record.Checksum}); file rejected");
                }

                staged.Add((temporary, final));
            }

            // A file is taken only if it parses: building the new index parses each one once, and
            // malformed XML must not replace a good index.
            var paths = files.ToDictionary(
                f => f.Key,
                f => staged.FirstOrDefault(s => Path.GetFileName(s.Final) == f.Value).Temporary ?? Path.Combine(directory, f.Value),
                StringComparer.Ordinal);
            packages = Index.RepoIndexer.Build(repo.Id, paths, Path.Combine(directory, StagedIndex), Index.RepoIndexer.SourceOf(repomdBytes),
                options.Value.MaxOpenBytes, options.Value.MaxModulesOpenBytes, cancellationToken);
        }
        catch
        {
            foreach (var (temporary, _) in staged)
            {
                File.Delete(temporary);
            }

            File.Delete(Path.Combine(directory, StagedIndex));
            throw;
        }

        // Every file is good: put them in place with their index, then the repomd.xml that names them.
        foreach (var (temporary, final) in staged)
        {
            File.Move(temporary, final, overwrite: true);
        }

        File.Move(Path.Combine(directory, StagedIndex), cache.IndexPath(repo.Id), overwrite: true);

        // Written whole and renamed, not cancelled half-way: a truncated repomd.xml would leave the
        // repository without an index until its next sync.
        var repomdPart = Path.Combine(directory, RepomdName + ".part");
        await File.WriteAllBytesAsync(repomdPart, repomdBytes, CancellationToken.None).ConfigureAwait(false);
        File.Move(repomdPart, Path.Combine(directory, RepomdName), overwrite: true);
        foreach (var stale in Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f) is not (RepomdName or Index.IndexFormat.FileName) && !files.ContainsValue(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        (state.ETag, state.LastModified, state.Revision, state.Files) = (etag, lastModified, repomd.Revision, files);
        state.Packages = packages;
        return new SyncResult(repo.Id, true, staged.Count, bytes, state.Packages, TimeSpan.Zero, null);
    }

    private async Task<(byte[]? Bytes, string? ETag, string? LastModified)> FetchRepomdAsync(RepoOptions repo, RepoState? cached, CancellationToken cancellationToken)
    {
        var url = repo.Resolve(RepomdPath);
        var max = options.Value.MaxRepomdBytes;
        if (url.IsFile)
        {
            CheckSize(repo, RepomdName, new FileInfo(url.LocalPath).Length, max);
            return (await File.ReadAllBytesAsync(url.LocalPath, cancellationToken).ConfigureAwait(false), null, null);
        }

        return await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (cached?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (cached?.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await SendAsync(request, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return ((byte[]?)null, cached?.ETag, cached?.LastModified);
            }

            // Read with the limit, not ReadAsByteArrayAsync: a body without Content-Length has no size until it ends.
            CheckSize(repo, RepomdName, response.Content.Headers.ContentLength, max);
            await using var body = new LimitedStream(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false), max, $"{repo.Id}/{RepomdName}");
            using var bytes = new MemoryStream();
            await body.CopyToAsync(bytes, token).ConfigureAwait(false);
            return (bytes.ToArray(), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> DownloadAsync(RepoOptions repo, RepomdRecord record, Uri url, string destination, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDownloadBytes;
        var name = Path.GetFileName(record.Href);
        if (url.IsFile)
        {
            CheckSize(repo, name, new FileInfo(url.LocalPath).Length, max);
            File.Copy(url.LocalPath, destination, overwrite: true);
            return new FileInfo(destination).Length;
        }

        return await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await SendAsync(request, token).ConfigureAwait(false);
            CheckSize(repo, name, response.Content.Headers.ContentLength, max);

            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using var file = File.Create(destination);
            await new LimitedStream(body, max, name).CopyToAsync(file, token).ConfigureAwait(false);
            return file.Length;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a file whose stated size is over the limit before reading any of it.</summary>
    private static void CheckSize(RepoOptions repo, string name, long? length, long max)
    {
        if (length > max)
        {
            throw new RepodataException($"{repo.Id}/{name} is {length / PackagesOptions.Megabyte} MB, over the limit of {max / PackagesOptions.Megabyte} MB");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HttpTimeout);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            response.Dispose();
            throw new TransientHttpException($"{UrlRedaction.Mask(request.RequestUri!)} answered {(int)response.StatusCode}");
        }

        if (response.StatusCode != HttpStatusCode.NotModified && !response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new RepodataException($"{UrlRedaction.Mask(request.RequestUri!)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return response;
    }

    private static async Task<bool> ChecksumMatchesAsync(string path, RepomdRecord record, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        byte[] hash = record.ChecksumType.ToLowerInvariant() switch
        {
            "sha256" => await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false),
            "sha512" => await SHA512.HashDataAsync(file, cancellationToken).ConfigureAwait(false),
            "sha384" => await SHA384.HashDataAsync(file, cancellationToken).ConfigureAwait(false),
#pragma warning disable CA5350 // Old repositories still name SHA-1 checksums; it only detects corruption here.
            "sha" or "sha1" => await SHA1.HashDataAsync(file, cancellationToken).ConfigureAwait(false),
#pragma warning restore CA5350
            _ => throw new RepodataException($"{Path.GetFileName(record.Href)}: unsupported checksum type '{record.ChecksumType}'"),
        };
        return string.Equals(Convert.ToHexStringLower(hash), record.Checksum, StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Repository {Repo} sync failed, keeping the last good index: {Error}")]
    private static partial void LogFailed(ILogger logger, string repo, string error);
}

/// <summary>A server error or rate limit worth retrying.</summary>
internal sealed class TransientHttpException(string message) : Exception(message);
