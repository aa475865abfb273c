using Microsoft.AspNetCore.Http;

namespace Bot.Discord.Tests.Support;

internal sealed partial class FakeDiscord
{
    private Task GatewayAsync(HttpContext http)
    {
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
