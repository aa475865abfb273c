using System.Globalization;
using Bot.Core.Status;
using Microsoft.Extensions.Options;

namespace Bot.Host.Operations;

/// <summary>
/// /readyz: the data directory's disk has room. A full disk makes every write fail (scores, outbox,
/// sync tokens); saying so before it happens gives an operator time to act.
/// </summary>
internal sealed class DiskReadiness(string dataDirectory, IOptions<HostRuntimeOptions> options) : IReadinessCheck
{
    public string Name => "disk";

    public (bool Ready, string Detail) Check()
    {
        var free = new DriveInfo(Path.GetFullPath(dataDirectory)).AvailableFreeSpace / (1024 * 1024);
        var minimum = options.Value.MinFreeDiskMegabytes;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{free} MB free for {dataDirectory}");
        return free >= minimum ? (true, detail) : (false, string.Create(CultureInfo.InvariantCulture, $"{detail}, below Host:MinFreeDiskMegabytes ({minimum})"));
    }
}
