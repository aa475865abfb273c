using System.Text.Json.Nodes;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord.Tests.Rest;

public sealed class DiscordRestTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task TenThousandSendsAcrossChannels_BreakNoBucketAndNoGlobalLimit()
    {
        _discord.BucketLimit = 20;
        _discord.BucketWindow = TimeSpan.FromMilliseconds(50);
        _discord.GlobalLimit = 2500;
        var rest = Rest(globalPerSecond: 2500);

        var channels = Enumerable.Range(1, 10).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await rest.CreateMessageAsync($"{c}", Message($"post {i}"), nonce: $"n{c}-{i}", CancellationToken.None);
            }
        }));
        await Task.WhenAll(channels);

        Assert.Empty(_discord.Violations);
        Assert.Equal(10_000, _discord.Messages.Count);
        Assert.Empty(_discord.SchemaViolations);
    }

    [Fact]
    public async Task SingleBusyChannel_WaitsForItsBucketToReset()
    {
        _discord.BucketLimit = 5;
        _discord.BucketWindow = TimeSpan.FromMilliseconds(300);
        var rest = Rest();
        var started = TimeProvider.System.GetUtcNow();

        for (var i = 0; i < 12; i++)
        {
            await rest.CreateMessageAsync("7", Message($"m{i}"), null, CancellationToken.None);
        }

        Assert.Empty(_discord.Violations);
        // 12 posts at 5 per window need two resets.
        Assert.True(TimeProvider.System.GetUtcNow() - started >= TimeSpan.FromMilliseconds(550));
    }

    [Fact]
    public async Task GlobalLimit_HoldsWhenEveryRequestHasItsOwnBucket()
    {
        _discord.GlobalLimit = 50;
        var rest = Rest(globalPerSecond: 50);

        await Task.WhenAll(Enumerable.Range(1, 120).Select(c => rest.CreateMessageAsync($"{c}", Message("hi"), null, CancellationToken.None)));

        Assert.Empty(_discord.Violations);
        Assert.Equal(120, _discord.Messages.Count);
    }

    [Fact]
    public async Task Status429_IsWaitedOut_ThenTheRequestRetried()
    {
        _discord.Fail("POST channels/5/messages", 429, 429);
        var rest = Rest();

        var id = await rest.CreateMessageAsync("5", Message("after the wait"), "n1", CancellationToken.None);

        Assert.NotNull(id);
        Assert.Equal(3, _discord.Count("POST channels/5/messages"));
        Assert.Single(_discord.Messages);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackoff()
    {
        _discord.Fail("POST channels/5/messages", 502, 500);
        var rest = Rest();

        var id = await rest.CreateMessageAsync("5", Message("third time"), "n2", CancellationToken.None);

        Assert.NotNull(id);
        Assert.Equal(3, _discord.Count("POST channels/5/messages"));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ClientErrors_AreNotRetried(int status)
    {
        _discord.Fail("PATCH webhooks/100000000000000001/tok/messages/@original", status);
        var rest = Rest();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.EditOriginalAsync(FakeDiscord.ApplicationId, "tok", Message("late"), CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.DoesNotContain("/tok/", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _discord.Count("PATCH webhooks/100000000000000001/tok/messages/@original"));
    }

    [Fact]
    public async Task UnreachableDiscord_IsRetriedThenReportedAsADiscordError()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var rest = new DiscordRest(new HttpClient(), new Uri($"http://127.0.0.1:{port}/api/v10"), () => FakeDiscord.Token, new RateLimits(TimeProvider.System, 50, 1000), TimeProvider.System, NullLogger<DiscordRest>.Instance)
        {
            RetryBase = TimeSpan.FromMilliseconds(5),
        };

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.GatewayBotAsync(CancellationToken.None));

        Assert.Contains("did not answer after 5 attempts", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task RefusedToken_IsReportedWithoutTheToken()
    {
        var rest = Rest(token: "wrong-secret-token");

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync("5", Message("x"), null, CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Contains("Discord__Token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidRequestGuard_StopsSendingBeforeDiscordWouldBan()
    {
        var rest = Rest(token: "revoked", invalidLimit: 10);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync("5", Message("x"), null, CancellationToken.None));
        }

        var paused = await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync("5", Message("x"), null, CancellationToken.None));

        Assert.Contains("paused", paused.Message, StringComparison.Ordinal);
        Assert.Equal(10, _discord.Requests.Count);
    }

    [Fact]
    public async Task RepeatedNonce_CreatesOneMessage()
    {
        var rest = Rest();

        var first = await rest.CreateMessageAsync("5", Message("once"), "same-key", CancellationToken.None);
        var second = await rest.CreateMessageAsync("5", Message("once"), "same-key", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(_discord.Messages);
    }

    [Fact]
    public async Task EditsOfDifferentMessagesInOneChannel_ShareOneBucket()
    {
        _discord.BucketLimit = 3;
        _discord.BucketWindow = TimeSpan.FromMilliseconds(300);
        var rest = Rest();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(m => rest.EditMessageAsync("5", $"{m}", Message($"edit {m}"), CancellationToken.None)));

        Assert.Empty(_discord.Violations);
        Assert.Equal(8, _discord.Requests.Count(r => r.Route.StartsWith("PATCH channels/5/messages/", StringComparison.Ordinal)));
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task Requests_CarryTheUserAgentDiscordAsksFor()
    {
        var rest = Rest();

        await rest.GatewayBotAsync(CancellationToken.None);

        Assert.Matches(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)$", Assert.Single(_discord.UserAgents));
    }

    [Theory]
    [InlineData("POST", "channels/1/messages", "POST channels/1/messages")]
    [InlineData("PATCH", "channels/1/messages/99", "PATCH channels/1/messages/:id")]
    [InlineData("PATCH", "webhooks/5/abc/messages/@original", "PATCH webhooks/5/abc/messages/@original")]
    [InlineData("PUT", "applications/5/guilds/7/commands", "PUT applications/:id/guilds/7/commands")]
    public void RouteKeys_KeepTopLevelIdsOnly(string method, string path, string key)
    {
        Assert.Equal(key, RouteKey.Of(new HttpMethod(method), path));
    }

    private DiscordRest Rest(string token = FakeDiscord.Token, int globalPerSecond = 50, int invalidLimit = 1000) =>
        new(new HttpClient(), _discord.ApiBase, () => token, new RateLimits(TimeProvider.System, globalPerSecond, invalidLimit), TimeProvider.System, NullLogger<DiscordRest>.Instance);

    private static JsonObject Message(string text) => new()
    {
        ["content"] = text,
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };
}
