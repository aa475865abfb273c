using System.Diagnostics;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Sync;

/// <summary>
/// The bot's answers agree with dnf's on the same repositories served over HTTP on 127.0.0.1:
/// packages and versions, provides, what provides a soname capability or a file, advisories by CVE.
/// </summary>
public sealed class DnfPeerTests : IAsyncLifetime
{
    private readonly string _dnfCache = Directory.CreateTempSubdirectory("bot-dnf-").FullName;
    private FakeMirror _mirror = null!;
    private PackagesHarness _packages = null!;

    public async Task InitializeAsync()
    {
        _mirror = await FakeMirror.StartAsync();
        _packages = new PackagesHarness(_mirror.Url("alma9"), _mirror.Url("rocky9"));
        await _packages.SyncAsync();
    }

    public async Task DisposeAsync()
    {
        _packages.Dispose();
        Directory.Delete(_packages.DataDirectory, recursive: true);
        Directory.Delete(_dnfCache, recursive: true);
        await _mirror.DisposeAsync();
    }

    private List<string> Dnf(string repo, params string[] query)
    {
        var start = new ProcessStartInfo("dnf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "repoquery", "--quiet", "--setopt=reposdir=/dev/null", $"--setopt=cachedir={_dnfCache}", $"--installroot={_dnfCache}/root",
            "--releasever=9", $"--repofrompath={repo},{_mirror.Url(repo)}", $"--repo={repo}",
        }.Concat(query))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }

    [DnfFact]
    public void EveryPackageAndVersion_AgreesWithDnf()
    {
        foreach (var (repo, distro) in new[] { ("alma9", "alma9"), ("rocky9", "rocky9") })
        {
            var dnf = Dnf(repo, "--queryformat", "%{name}|%{epoch}|%{version}|%{release}|%{arch}");
            var ours = _packages.Catalog.Current.AllPackages().Where(p => p.Distro == distro)
                .SelectMany(p => _packages.Queries.Info(p.Name, distro))
                .Select(r => $"{r.Name}|{r.Epoch}|{r.Version}|{r.Release}|{r.Arch}").Distinct().Order(StringComparer.Ordinal);

            Assert.Equal(dnf, ours);
        }
    }

    [DnfFact]
    public void Provides_OfEveryPackage_AgreeWithDnf()
    {
        foreach (var package in _packages.Catalog.Current.AllPackages())
        {
            var repo = package.Distro;
            var dnf = Dnf(repo, "--provides", package.Name).Select(l => l.Split(' ')[0]);
            var ours = package.Provides.Distinct().Order(StringComparer.Ordinal);

            Assert.Equal(dnf, ours);
        }
    }

    [DnfFact]
    public void WhatProvides_SonamesSymbolVersionsAndFiles_AgreesWithDnf()
    {
        string[] questions =
        [
            "libdemo.so.3()(64bit)", "libdemo.so.3(DEMO_3.0)(64bit)", "libdemo.so.3(DEMO_3.1)(64bit)", "libdemo.so.3(DEMO_3.2)(64bit)",
            "libdemo-compat.so.2()(64bit)", "/usr/lib64/libdemo.so.3", "/usr/lib64/libdemo-compat.so.2.0.0", "/usr/bin/tool", "/usr/bin/demo",
        ];
        foreach (var repo in new[] { "alma9", "rocky9" })
        {
            foreach (var what in questions)
            {
                var dnf = Dnf(repo, "--whatprovides", what, "--queryformat", "%{name}-%{evr}.%{arch}");
                var ours = _packages.Queries.Provides(what, repo).Select(r => $"{r.Name}-{r.Version}-{r.Release}.{r.Arch}").Order(StringComparer.Ordinal);

                Assert.True(dnf.SequenceEqual(ours), $"{repo} {what}: dnf [{string.Join(", ", dnf)}], ours [{string.Join(", ", ours)}]");
            }
        }
    }

    [DnfFact]
    public void Advisory_ByCve_FixedPackagesAgreeWithDnf()
    {
        foreach (var repo in new[] { "alma9", "rocky9" })
        {
            var dnf = Dnf(repo, "--cve", "CVE-2024-1111", "--queryformat", "%{name}-%{evr}.%{arch}");
            var ours = _packages.Queries.Advisory("CVE-2024-1111", repo).SelectMany(a => a.Packages)
                .Select(p => $"{p.Name}-{p.Version}-{p.Release}.{p.Arch}").Order(StringComparer.Ordinal);

            Assert.Equal(dnf, ours);
        }
    }
}
