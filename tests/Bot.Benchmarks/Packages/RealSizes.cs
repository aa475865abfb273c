namespace Bot.Benchmarks.Packages;

/// <summary>
/// The default repositories (config/appsettings.json) at the sizes they had in 2025-2026, as far as
/// public records show. Package counts seen in `dnf repolist` output or sync logs: Rocky Linux 8
/// BaseOS 1,837 and AppStream 6,677, Rocky 9 AppStream 5,841, Rocky 10 BaseOS 2,415, EPEL 9
/// 22,143 and EPEL 10 25,970; AlmaLinux is taken as Rocky's twin. The rest, and the files per
/// package, are estimates from the metadata download sizes that dnf printed in public logs (Oracle
/// Linux keeps every build it ever shipped: its dnf downloads grew to 158 MB for OL9 BaseOS and
/// 111 MB for AppStream by October 2026), sized so that each filelists.xml is about as large as
/// those downloads imply. They are estimates, stated as such in the README.
/// </summary>
internal static class RealSizes
{
    public static IReadOnlyList<(RepoShape Shape, string Distro)> Repos { get; } =
    [
        (new("alma8-baseos", 1_900, 95), "alma8"), (new("alma8-appstream", 6_700, 90), "alma8"),
        (new("alma9-baseos", 1_900, 95), "alma9"), (new("alma9-appstream", 6_000, 90), "alma9"),
        (new("alma10-baseos", 2_400, 95), "alma10"), (new("alma10-appstream", 7_000, 90), "alma10"),
        (new("rocky8-baseos", 1_837, 95), "rocky8"), (new("rocky8-appstream", 6_677, 90), "rocky8"),
        (new("rocky9-baseos", 1_900, 95), "rocky9"), (new("rocky9-appstream", 5_841, 90), "rocky9"),
        (new("rocky10-baseos", 2_415, 95), "rocky10"), (new("rocky10-appstream", 7_000, 90), "rocky10"),
        (new("centos-stream9-baseos", 6_500, 85), "centos-stream9"), (new("centos-stream9-appstream", 20_000, 90), "centos-stream9"),
        (new("centos-stream10-baseos", 3_000, 90), "centos-stream10"), (new("centos-stream10-appstream", 8_500, 75), "centos-stream10"),
        (new("ol8-baseos", 40_000, 130), "ol8"), (new("ol8-appstream", 40_000, 110), "ol8"),
        (new("ol9-baseos", 70_000, 155), "ol9"), (new("ol9-appstream", 55_000, 140), "ol9"),
        (new("epel9", 22_143, 80), "epel9"), (new("epel10", 25_970, 68), "epel10"),
    ];
}
