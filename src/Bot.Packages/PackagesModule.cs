using System.Net;
using System.Security.Cryptography.X509Certificates;
using Bot.Core.Assistant;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Status;
using Bot.Core.Storage;
using Bot.Packages.Commands;
using Bot.Packages.Index;
using Bot.Packages.Queries;
using Bot.Packages.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Packages;

/// <summary>Registers the Packages module: options, sync, index, queries, commands, schedule and status.</summary>
public static class PackagesModule
{
    public static IServiceCollection AddPackagesModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<PackagesOptions>(PackagesOptions.Section);
        services.AddSingleton<IStoreMigration, PackagesStoreMigration>();
        services.AddStoreCollection<RepoState>(RepoStateStore.Collection);
        services.AddSingleton<RepoStateStore>();
        services.AddSingleton<RepoCache>();
        // Each request has its own timeout (Packages:HttpTimeout), not one for the whole client.
        services.AddKeyedSingleton(RepoSyncer.HttpClientKey, (sp, _) =>
            new HttpClient(Handler(sp.GetRequiredService<IOptions<PackagesOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan });
        services.AddSingleton<RepoSyncer>();
        services.AddSingleton<IndexBuilder>();
        services.AddSingleton<PackageCatalog>();
        services.AddSingleton<PackageSyncRunner>();
        services.AddSingleton<PackageQueries>();
        services.AddSingleton<PackageAnswers>();
        services.AddSingleton<IPackageTool, PackageTool>();
        services.AddSingleton<IAssistantPlugin, PackagesPlugin>();
        services.AddSingleton<ICommandHandler, PkgCommand>();
        services.AddSingleton<ICommandHandler, ProvidesCommand>();
        services.AddSingleton<ICommandHandler, CompareCommand>();
        services.AddSingleton<ICommandHandler, AdvisoryCommand>();
        services.AddSingleton<IStatusReport, PackagesStatus>();
        services.AddSingleton<IReadinessCheck, PackagesReadiness>();
        services.AddHostedService<PackagesStartup>();
        services.AddSingleton<RevisionFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RevisionFollower>());
        return services;
    }

    /// <summary>A client certificate for repositories that need one (RHEL's entitlement CDN).</summary>
    private static SocketsHttpHandler Handler(PackagesOptions options)
    {
        var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        foreach (var repo in options.Enabled.Where(r => r.ClientCertificate is not null))
        {
            handler.SslOptions.ClientCertificates ??= [];
            handler.SslOptions.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(repo.ClientCertificate!, repo.ClientKey));
        }

        return handler;
    }
}
