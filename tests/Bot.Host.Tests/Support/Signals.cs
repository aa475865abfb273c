using System.Runtime.InteropServices;

namespace Bot.Host.Tests.Support;

/// <summary>POSIX signals to a child process, without needing a kill binary in the image.</summary>
internal static partial class Signals
{
    public const int Sigterm = 15;

    /// <summary>Cannot be caught: the process dies between two instructions, as in a power cut of the process alone.</summary>
    public const int Sigkill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
