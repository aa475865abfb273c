using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Bot.Core.Text;
using Bot.Packages.Repodata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Bot.Packages.Sync;

/// <summary>
/// Syncs one repository into its cache directory: a conditional GET of repomd.xml (an unchanged
/// revision downloads nothing more), then each wanted file by its <c>location href</c>, verified
/// against its repomd checksum. New files replace the old ones only when every file is good, so a
/// failure keeps the last good index.
/// </summary>
internal sealed partial class RepoSyncer(
    HttpClient http,
    RepoCache cache,
    RepoStateStore states,
    IOptions<PackagesOptions> options,
    TimeProvider time,
    ILogger<RepoSyncer> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TransientHttpException>()
                .Handle<TaskCanceledException>(ex => !ex.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryDelay,
        })
        .Build();

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
        var cached = state.Files.Count > 0 && state.Files.Values.All(f => File.Exists(Path.Combine(directory, f)));
        var (repomdBytes, etag, lastModified) = await FetchRepomdAsync(repo, cached ? state : null, cancellationToken).ConfigureAwait(false);
        if (repomdBytes is null)
        {
            return new SyncResult(repo.Id, false, 0, 0, state.Packages, TimeSpan.Zero, null);
        }

        var repomd = RepomdParser.Parse(new MemoryStream(repomdBytes), $"{repo.Id}/repomd.xml");
        if (cached && repomd.Revision is not null && repomd.Revision == state.Revision)
        {
            (state.ETag, state.LastModified) = (etag, lastModified);
            return new SyncResult(repo.Id, false, 0, 0, state.Packages, TimeSpan.Zero, null);
        }

        if (repomd.Find(MetadataTypes.Primary) is null)
        {
            throw new RepodataException($"{repo.Id}/repomd.xml lists no primary metadata");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var staged = new List<(string Temporary, string Final)>();
        long bytes = 0;
        var packages = 0;
        try
        {
            foreach (var type in MetadataTypes.Wanted)
            {
                if (repomd.Find(type) is not { } record)
                {
                    continue;
                }

                var name = Path.GetFileName(record.Href);
                files[type] = name;
                var final = Path.Combine(directory, name);
                if (File.Exists(final) && await ChecksumMatchesAsync(final, record, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var temporary = final + ".part";
                bytes += await DownloadAsync(repo, record, temporary, cancellationToken).ConfigureAwait(false);
                if (!await ChecksumMatchesAsync(temporary, record, cancellationToken).ConfigureAwait(false))
                {
                    throw new RepodataException($"{repo.Id}/{name}: checksum mismatch ({record.ChecksumType} in repomd.xml is {record.Checksum}); file rejected");
                }

                staged.Add((temporary, final));
            }

            // A file is taken only if it parses: malformed XML must not replace a good index.
            foreach (var type in MetadataTypes.Wanted.Where(files.ContainsKey))
            {
                var name = files[type];
                var path = staged.FirstOrDefault(s => Path.GetFileName(s.Final) == name).Temporary ?? Path.Combine(directory, name);
                var count = Validate(type, path, name, $"{repo.Id}/{name}");
                if (type == MetadataTypes.Primary)
                {
                    packages = count;
                }
            }
        }
        catch
        {
            foreach (var (temporary, _) in staged)
            {
                File.Delete(temporary);
            }

            throw;
        }

        // Every file is good: put them in place, then the repomd.xml that names them.
        foreach (var (temporary, final) in staged)
        {
            File.Move(temporary, final, overwrite: true);
        }

        await File.WriteAllBytesAsync(Path.Combine(directory, "repomd.xml"), repomdBytes, cancellationToken).ConfigureAwait(false);
        foreach (var stale in Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f) != "repomd.xml" && !files.ContainsValue(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        (state.ETag, state.LastModified, state.Revision, state.Files) = (etag, lastModified, repomd.Revision, files);
        state.Packages = packages;
        return new SyncResult(repo.Id, true, staged.Count, bytes, state.Packages, TimeSpan.Zero, null);
    }

    /// <summary>Parses a whole file once; returns its item count.</summary>
    private int Validate(string type, string path, string name, string label)
    {
        using var stream = Decompression.Open(new BufferedStream(File.OpenRead(path), 1 << 16), name, MaxOpen);
        return type switch
        {
            MetadataTypes.Primary => PrimaryParser.Parse(stream, label).Count(),
            MetadataTypes.Filelists => FilelistsParser.Parse(stream, label).Count(),
            MetadataTypes.Modules => ModulesParser.Parse(stream, label).Count(),
            _ => UpdateinfoParser.Parse(stream, label).Count(),
        };
    }

    private long MaxOpen => options.Value.MaxOpenMegabytes * 1024L * 1024;

    private async Task<(byte[]? Bytes, string? ETag, string? LastModified)> FetchRepomdAsync(RepoOptions repo, RepoState? cached, CancellationToken cancellationToken)
    {
        var url = repo.Resolve("repodata/repomd.xml");
        if (url.IsFile)
        {
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

            var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            return (bytes, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> DownloadAsync(RepoOptions repo, RepomdRecord record, string destination, CancellationToken cancellationToken)
    {
        var url = repo.Resolve(record.Href);
        var max = options.Value.MaxDownloadMegabytes * 1024L * 1024;
        if (url.IsFile)
        {
            File.Copy(url.LocalPath, destination, overwrite: true);
            return new FileInfo(destination).Length;
        }

        return await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await SendAsync(request, token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > max)
            {
                throw new RepodataException($"{repo.Id}/{Path.GetFileName(record.Href)} is {response.Content.Headers.ContentLength / 1048576} MB, over the limit of {max / 1048576} MB");
            }

            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using var file = File.Create(destination);
            await new LimitedStream(body, max, Path.GetFileName(record.Href)).CopyToAsync(file, token).ConfigureAwait(false);
            return file.Length;
        }, cancellationToken).ConfigureAwait(false);
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
