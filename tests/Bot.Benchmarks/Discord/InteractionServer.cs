using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace Bot.Benchmarks.Discord;

/// <summary>
/// The whole bot in Discord http mode on 127.0.0.1 (in this process, as `bot run` would start it),
/// and beside it a bare Kestrel endpoint that reads the body and answers a constant: the ceiling
/// that the same machine, client and HTTP stack allow.
/// </summary>
internal sealed class InteractionServer : IAsyncDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _data = Directory.CreateTempSubdirectory("bot-bench-discord-").FullName;
    private Task<int>? _bot;
    private WebApplication? _bare;
    private (string Stamp, string Signature, byte[] Body) _signed;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });

    public Uri Bot { get; private set; } = null!;

    public Uri Bare { get; private set; } = null!;

    public static readonly string AboutBody =
        """{"type":2,"id":"1","application_id":"100000000000000001","token":"t","guild_id":"1","channel_id":"2","member":{"permissions":"0","user":{"id":"42","username":"alice"}},"data":{"id":"9","name":"about","type":1}}""";

    public async Task StartAsync()
    {
        var botPort = FreePort();
        var barePort = FreePort();
        Bot = new Uri($"http://127.0.0.1:{botPort}/interactions");
        Bare = new Uri($"http://127.0.0.1:{barePort}/bare");
        string[] args =
        [
            "chat", "--data-dir", _data, "--urls", $"http://127.0.0.1:{botPort}",
            "Knowledge:Embeddings=false", "Packages:SyncOnStart=false", "Logging:LogLevel:Default=Warning",
            "Discord:Token=bench-token", "Discord:ApplicationId=100000000000000001", "Discord:Mode=Http", "Discord:RegisterOnStart=false",
            "Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10",
            "Discord:PublicKey=" + Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        ];
        _bot = BotCli.RunAsync(args, new CliContext(new WaitingReader(_stop.Task), TextWriter.Null, TextWriter.Null, Interactive: false));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        builder.Logging.ClearProviders();
        _bare = builder.Build();
        _bare.MapPost("/bare", async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"type":1}""");
        });
        await _bare.StartAsync();

        var until = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var pong = await SendAsync(Bot, """{"type":1}""");
                if (pong.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (until.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>One signed POST of the /about interaction (signed once a minute: Discord's timestamps are seconds).</summary>
    public Task<HttpResponseMessage> AboutAsync() => SendAsync(Bot, AboutBody);

    /// <summary>A signed PING: the signature check and HTTP without any command.</summary>
    public Task<HttpResponseMessage> PingAsync() => SendAsync(Bot, """{"type":1}""");

    public async Task<HttpResponseMessage> BareAsync()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(AboutBody));
        return await Client.PostAsync(Bare, content);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        if (_bot is not null)
        {
            await _bot;
        }

        if (_bare is not null)
        {
            await _bare.DisposeAsync();
        }

        Client.Dispose();
        _key.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string body)
    {
        var signed = _signed;
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        if (signed.Body is null || now - long.Parse(signed.Stamp, CultureInfo.InvariantCulture) > 60 || Encoding.UTF8.GetString(signed.Body) != body)
        {
            var stamp = now.ToString(CultureInfo.InvariantCulture);
            signed = (stamp, Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(stamp + body))), Encoding.UTF8.GetBytes(body));
            _signed = signed;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(signed.Body) };
        request.Headers.Add("X-Signature-Ed25519", signed.Signature);
        request.Headers.Add("X-Signature-Timestamp", signed.Stamp);
        return await Client.SendAsync(request);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Console input that never types anything, until the benchmark ends.</summary>
    private sealed class WaitingReader(Task stop) : TextReader
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            await stop.WaitAsync(cancellationToken);
            return null;
        }

        public override string? ReadLine() => ReadLineAsync(default).AsTask().GetAwaiter().GetResult();
    }
}
