using System.Text.Json.Nodes;
using Bot.Matrix.Tests.Support;
using Bot.Testing;

namespace Bot.Host.Tests.Support;

/// <summary>
/// A real temporary data directory, the fake homeserver (which, like a real one, answers a repeated
/// txnId with the first event) and one room with a moderator: the stage for killing <c>bot run</c>
/// again and again and counting what the room received.
/// </summary>
internal sealed class CrashRig : IAsyncDisposable
{
    public const string Room = "!crash:test.org";
    public const string Moderator = "@mod:test.org";

    private readonly Dictionary<string, string> _environment;
    private int _events;

    private CrashRig(FakeHomeserver server, DirectoryInfo data)
    {
        (Server, Data) = (server, data);
        _environment = new(StringComparer.Ordinal)
        {
            ["Knowledge__Embeddings"] = "false",
            // No real mirror is ever asked: the only repository is a dead port on loopback, and it is not synced.
            ["Packages__SyncOnStart"] = "false",
            ["Packages__Only"] = "crashtest",
            ["Packages__Repos__crashtest__Distro"] = "alma9",
            ["Packages__Repos__crashtest__Name"] = "Crash test",
            ["Packages__Repos__crashtest__BaseUrl"] = "http://127.0.0.1:9/",
            ["Matrix__HomeserverUrl"] = server.Url.ToString(),
            ["Matrix__AccessToken"] = FakeHomeserver.Token,
            ["Matrix__SyncTimeout"] = "00:00:01",
            ["Matrix__RetryDelay"] = "00:00:00.100",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public FakeHomeserver Server { get; }

    public DirectoryInfo Data { get; }

    public string DatabasePath => Path.Combine(Data.FullName, "bot.db");

    /// <summary>The notices the room accepted, one per distinct txnId.</summary>
    public IReadOnlyList<string> Bodies => [.. Server.Messages.Select(m => (string?)m["body"] ?? "")];

    /// <summary>Sends the homeserver answered with an event it had already accepted under the same txnId.</summary>
    public int AbsorbedRepeats => Server.SendAttempts.GetValueOrDefault(Room) - Server.Messages.Count;

    public static async Task<CrashRig> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var server = await FakeHomeserver.StartAsync();
        server.PowerLevels[Room] = new JsonObject { ["users"] = new JsonObject { [Moderator] = 100 }, ["users_default"] = 0 };
        server.JoinedRooms[Room] = 0;
        var rig = new CrashRig(server, Directory.CreateTempSubdirectory("bot-crash-"));
        foreach (var (key, value) in settings)
        {
            rig._environment[key] = value;
        }

        return rig;
    }

    public KillableBot StartBot() => KillableBot.Start(Data.FullName, _environment);

    /// <summary>
    /// One instance of a cluster: its own data directory under the rig's, the rig's settings and
    /// <paramref name="extra"/> (the shared store, the instance id).
    /// </summary>
    public KillableBot StartInstance(string instance, IReadOnlyDictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return KillableBot.Start(Directory.CreateDirectory(Path.Combine(Data.FullName, instance)).FullName, environment);
    }

    /// <summary>Waits until the homeserver has been synced <paramref name="count"/> times in all.</summary>
    public Task SyncedAsync(int count) => Eventually.UntilAsync(() => Syncs >= count, seconds: 60);

    /// <summary>
    /// Starts the first run and waits until it synced twice: the first sync of a fresh install is history
    /// and not answered, so a command sent before it would be skipped by design.
    /// </summary>
    public async Task<KillableBot> StartFirstBotAsync()
    {
        var bot = StartBot();
        await Eventually.UntilAsync(() => Syncs >= 2, seconds: 60);
        return bot;
    }

    /// <summary>Starts a run and waits until it syncs: a kill then lands in its work, not in the runtime's start-up.</summary>
    public async Task<KillableBot> StartSyncingBotAsync()
    {
        var syncs = Syncs;
        var bot = StartBot();
        await Eventually.UntilAsync(() => Syncs > syncs, seconds: 60);
        return bot;
    }

    private int Syncs => Server.Requests.Count(r => r == "GET /_matrix/client/v3/sync");

    /// <summary>A room message, delivered in the next sync batch.</summary>
    public void Say(string sender, string body) =>
        Server.AddBatch(new() { [Room] = [FakeHomeserver.Message($"$crash{Interlocked.Increment(ref _events)}", sender, body)] });

    /// <summary>
    /// Waits until a notice matching <paramref name="match"/> arrives, or the time is up; whether it did.
    /// Notices before the first <paramref name="after"/> are not looked at: a reply to a command just
    /// sent must not be mistaken for an earlier run's notice of the same kind.
    /// </summary>
    public async Task<bool> SawAsync(Func<string, bool> match, TimeSpan within, int after = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (Bodies.Skip(after).Any(match))
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
