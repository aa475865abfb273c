using System.Runtime.InteropServices;

namespace Bot.Host.Tests.Support;

/// <summary>POSIX signals to a child process, without needing a kill binary in the image.</summary>
internal static partial class Signals
{
    public const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
