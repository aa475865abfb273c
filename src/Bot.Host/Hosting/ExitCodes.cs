namespace Bot.Host.Hosting;

/// <summary>The process exit codes that scripts and service managers can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed at run time (store in use, a platform refused to connect).</summary>
    public const int Failed = 1;

    /// <summary>The configuration is invalid; the message names the key or the file and line.</summary>
    public const int BadConfig = 2;
}
