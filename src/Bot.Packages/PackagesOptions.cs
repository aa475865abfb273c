using System.ComponentModel.DataAnnotations;

namespace Bot.Packages;

/// <summary>Settings of the Packages module (section <c>Packages</c>).</summary>
public sealed partial class PackagesOptions : IValidatableObject
{
    public const string Section = "Packages";

    /// <summary>
    /// The repositories, keyed by id, so that each layer of configuration can change or disable one
    /// (<c>Packages__Repos__alma9-baseos__Enabled=false</c>) or add its own.
    /// </summary>
    public Dictionary<string, RepoOptions> Repos { get; set; } = [];

    /// <summary>Comma-separated repository ids or distros: when set, only these are used (<c>alma9,rocky9</c>).</summary>
    public string? Only { get; set; }

    /// <summary>How often the repositories are synced.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Whether to sync at start when the cache is older than the interval (with no cache, the first question starts it).</summary>
    public bool SyncOnStart { get; set; } = true;

    /// <summary>The largest metadata file to download, in MB.</summary>
    [Range(1, 4096)]
    public int MaxDownloadMegabytes { get; set; } = 512;

    /// <summary>The most a metadata file may expand to, in MB (a decompression bomb stops here).</summary>
    [Range(1, 16384)]
    public int MaxOpenMegabytes { get; set; } = 2048;

    /// <summary>
    /// The largest repomd.xml to read, in MB. Real ones are a few KB; it is read whole into memory
    /// before anything checks it, so it gets a limit of its own far below the other files'.
    /// </summary>
    [Range(1, 64)]
    public int MaxRepomdMegabytes { get; set; } = 4;

    /// <summary>
    /// The most modules.yaml may expand to, in MB. It is loaded whole as a YAML document tree, many
    /// times its size in memory, so it is capped below <see cref="MaxOpenMegabytes"/> (EL8 AppStream's is a few MB).
    /// </summary>
    [Range(1, 1024)]
    public int MaxModulesMegabytes { get; set; } = 64;

    /// <summary>The first wait before retrying a failed download; doubled (with jitter) for each of 3 retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromMinutes(5);

    internal const long Megabyte = 1024 * 1024;

    internal long MaxDownloadBytes => MaxDownloadMegabytes * Megabyte;

    internal long MaxRepomdBytes => MaxRepomdMegabytes * Megabyte;

    internal long MaxOpenBytes => MaxOpenMegabytes * Megabyte;

    internal long MaxModulesOpenBytes => Math.Min(MaxModulesMegabytes, MaxOpenMegabytes) * Megabyte;

    public IEnumerable<RepoOptions> Enabled
    {
        get
        {
            var only = Only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return Repos.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => r.Value.WithId(r.Key))
                .Where(r => r.Enabled && (only is null || only.Count == 0 || only.Contains(r.Id) || only.Contains(r.Distro)));
        }
    }

    public IReadOnlyList<string> Distros => [.. Enabled.Select(r => r.Distro).Distinct(StringComparer.Ordinal)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SyncInterval < TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("must be at least 00:01:00", [nameof(SyncInterval)]);
        }

        foreach (var (id, repo) in Repos)
        {
            var key = $"Repos:{id}";
            if (!RepoId().IsMatch(id))
            {
                yield return new ValidationResult("the repository id must be 1-64 letters, digits, '.', '_' or '-'", [key]);
            }

            if (string.IsNullOrWhiteSpace(repo.Distro) || !DistroName().IsMatch(repo.Distro))
            {
                yield return new ValidationResult($"Distro '{repo.Distro}' must be 1-32 lower-case letters, digits or '-' (alma9, rocky9, centos-stream9)", [key + ":Distro"]);
            }

            if (!Uri.TryCreate(repo.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http" or "file"))
            {
                yield return new ValidationResult($"BaseUrl '{repo.BaseUrl}' must be an absolute https, http or file URL", [key + ":BaseUrl"]);
            }
        }

        if (Distros.Count > 25)
        {
            yield return new ValidationResult("more than 25 distros are enabled; Discord offers at most 25 choices", [nameof(Repos)]);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex RepoId();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex DistroName();
}

/// <summary>One repository (an element of <c>Packages:Repos</c>).</summary>
public sealed class RepoOptions
{
    /// <summary>The id: the repository's key under <c>Packages:Repos</c>.</summary>
    public string Id { get; private set; } = "";

    /// <summary>The distribution and major version users name: alma9, rocky9, centos-stream9, ol9, epel9, rhel9.</summary>
    public string Distro { get; set; } = "";

    /// <summary>The repository's own name: BaseOS, AppStream, CRB, ...</summary>
    public string Name { get; set; } = "";

    /// <summary>The directory that holds repodata/ (https, http or file).</summary>
    public string BaseUrl { get; set; } = "";

    public string Arch { get; set; } = "x86_64";

    public bool Enabled { get; set; } = true;

    /// <summary>A PEM client certificate file, for RHEL's entitlement CDN.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>The PEM private key of the client certificate (a secret: a file only the bot can read).</summary>
    public string? ClientKey { get; set; }

    internal RepoOptions WithId(string id)
    {
        Id = id;
        return this;
    }

    /// <summary>The base URL as a directory (with its trailing slash), which hrefs resolve against.</summary>
    public Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");

    /// <summary>Resolves a path the bot itself names (<c>repodata/repomd.xml</c>); hrefs from the metadata go through <c>RepoHref</c>.</summary>
    public Uri Resolve(string href) => new(BaseUri, href);
}
