using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Testing;

/// <summary>Kestrel on 127.0.0.1 (or [::1]) with a port the OS picks and no logging: the base of every fake server in the tests.</summary>
public static class LoopbackServer
{
    /// <summary>A web application ready for routes; call <c>StartAsync</c> when they are mapped.</summary>
    public static WebApplication Create() => Create("127.0.0.1");

    /// <summary>The same on another loopback address, e.g. <c>[::1]</c>.</summary>
    public static WebApplication Create(string loopbackHost)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{loopbackHost}:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The started application's address, with a trailing slash.</summary>
    public static Uri BaseUrl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>Stops and disposes the application.</summary>
    public static async ValueTask StopAndDisposeAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
