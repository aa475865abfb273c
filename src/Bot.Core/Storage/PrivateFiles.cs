namespace Bot.Core.Storage;

/// <summary>
/// Files and directories only the bot's own user may read: the store holds the Matrix access token
/// and other credentials, so the usual 0644 / 0755 of a fresh file would hand them to every local
/// user. On Windows the ACLs of the profile already do this, so every method is a no-op there.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx------: the owner may list and enter, nobody else may even look.</summary>
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw-------: the owner may read and write, nobody else anything.</summary>
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> as 0700, or narrows an existing one to it; true when it narrowed a wider mode.</summary>
    public static bool CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return false;
        }

        if (!Directory.Exists(path))
        {
            // Parents a fresh path needs keep the usual mode; only the data directory itself is private.
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
            return false;
        }

        return Narrow(path, File.GetUnixFileMode(path), OwnerOnlyDirectory);
    }

    /// <summary>Narrows an existing file to 0600; true when it had a wider mode, false when it was fine or is absent.</summary>
    public static bool Tighten(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return false;
        }

        return Narrow(file, File.GetUnixFileMode(file), OwnerOnlyFile);
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a <see cref="FileStream"/>; a file it creates is 0600 from its
    /// first byte (never briefly 0644), and an existing one is narrowed to 0600.
    /// </summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        var stream = new FileStream(path, options);
        Tighten(path);
        return stream;
    }

    /// <summary>Copies <paramref name="source"/> over <paramref name="target"/>, which ends up 0600 whatever the source's mode.</summary>
    public static void Copy(string source, string target)
    {
        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var to = Open(target, FileMode.Create, FileAccess.Write, FileShare.None);
        from.CopyTo(to);
        to.Flush(flushToDisk: true);
    }

    private static bool Narrow(string path, UnixFileMode current, UnixFileMode wanted)
    {
        if (OperatingSystem.IsWindows() || (current & ~wanted) == 0)
        {
            return false;
        }

        File.SetUnixFileMode(path, wanted);
        return true;
    }
}
