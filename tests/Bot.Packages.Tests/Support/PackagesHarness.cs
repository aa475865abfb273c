using Bot.Core;
using Bot.Core.Storage;
using Bot.Packages.Index;
using Bot.Packages.Queries;
using Bot.Packages.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.Packages.Tests.Support;

/// <summary>The Packages module in its DI graph over a temp data directory, with the repos at the given base URLs.</summary>
internal sealed class PackagesHarness : IDisposable
{
    private readonly IHost _host;

    public PackagesHarness(string almaUrl, string rockyUrl, FakeTimeProvider? clock = null, string? dataDirectory = null, Dictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("bot-packages-").FullName;
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Packages:Repos:alma9-baseos:Distro"] = "alma9",
            ["Packages:Repos:alma9-baseos:Name"] = "BaseOS",
            ["Packages:Repos:alma9-baseos:BaseUrl"] = almaUrl,
            ["Packages:Repos:rocky9-baseos:Distro"] = "rocky9",
            ["Packages:Repos:rocky9-baseos:Name"] = "BaseOS",
            ["Packages:Repos:rocky9-baseos:BaseUrl"] = rockyUrl,
            // No wait between retries: the clock is fake, and a retry's wait would never end unless a test advanced it.
            ["Packages:RetryDelay"] = "00:00:00",
        }).AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Error));
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.Configure<StorageOptions>(o => o.DataDirectory = DataDirectory);
        builder.Services.AddBotCore();
        builder.Services.AddPackagesModule();
        // The host registers the one scheduler; a module alone needs it added.
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        _host = builder.Build();
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public PackageCatalog Catalog => Get<PackageCatalog>();

    public PackageQueries Queries => Get<PackageQueries>();

    public PackageAnswers Answers => Get<PackageAnswers>();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public Task<IReadOnlyList<SyncResult>> SyncAsync(string? repo = null) => Catalog.SyncAsync(repo, null, default);

    public void Dispose() => _host.Dispose();

    public static string FileUrl(string repo) => new Uri(Fixture.Path("repos", repo) + "/").AbsoluteUri;
}
