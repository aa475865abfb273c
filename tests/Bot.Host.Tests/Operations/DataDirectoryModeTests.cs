using Bot.Host.Cli;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests.Operations;

/// <summary>The store holds the Matrix token: its directory, files and backups are for the bot's user only.</summary>
public sealed class DataDirectoryModeTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode SharedDirectory = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode SharedFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("bot-modes-");

    // A directory the bot has to create itself (the temp one above is already 0700).
    private string Data => Path.Combine(_parent.FullName, "data");

    public void Dispose()
    {
        try
        {
            _parent.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private async Task<int> RunAsync(Action<IServiceCollection>? overrides, params string[] args) =>
        await BotCli.RunAsync([.. args, "--data-dir", Data, "Knowledge:Embeddings=false", "Packages:SyncOnStart=false"],
            new CliContext(new StringReader("/about\n"), new StringWriter(), new StringWriter(), Interactive: false), overrides);

    [Fact]
    public async Task FreshDataDirectory_IsOwnerOnly_AndSoAreTheStoreAndItsLock()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }


        Assert.Equal(0, await RunAsync(null, "chat"));

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Data));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "bot.db")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "bot.lock")));
    }

    [Fact]
    public async Task WideDataDirectory_IsNarrowedAtStart_AndTheLogSaysSo()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        await RunAsync(null, "chat");
        // As an older version of the bot left them: 0755 and 0644.
        File.SetUnixFileMode(Data, SharedDirectory);
        File.SetUnixFileMode(Path.Combine(Data, "bot.db"), SharedFile);
        var logs = new CapturedLogs();

        Assert.Equal(0, await RunAsync(s => s.AddSingleton<ILoggerProvider>(logs), "chat", "Logging:LogLevel:Default=Information"));

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Data));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "bot.db")));
        var line = Assert.Single(logs.Lines, l => l.Contains("narrowed to owner-only access", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(Data, "bot.db"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_AndWhatRestorePutsInPlace_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        await RunAsync(null, "chat");
        var backup = Path.Combine(_parent.FullName, "backup.db");

        Assert.Equal(0, await RunAsync(null, "data", "backup", backup));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(backup));
        Assert.False(File.Exists(Path.Combine(_parent.FullName, "backup-log.db")));

        // A backup someone copied around with a wide mode still comes back private.
        File.SetUnixFileMode(backup, SharedFile);
        Assert.Equal(0, await RunAsync(null, "data", "restore", backup));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "bot.db")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "bot.db.before-restore")));
    }
}
