using System.Text.Json.Nodes;
using Bot.Core.Diagnostics;
using Bot.Core.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Bot.Host.Operations;

/// <summary>
/// /healthz (alive), /readyz (every readiness check, as JSON; 503 when one fails) and /metrics
/// (Prometheus text through OpenTelemetry) on Kestrel, when <c>Http:Urls</c> is set.
/// </summary>
internal sealed class HttpEndpoints(IServiceProvider services, IOptions<HttpOptions> options) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public IReadOnlyList<string> Addresses => _app?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Urls))
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Value.Urls);
        builder.Logging.ClearProviders();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        _app = builder.Build();
        _app.MapGet("/healthz", () => Results.Text("ok\n"));
        _app.MapGet("/readyz", Ready);
        _app.MapPrometheusScrapingEndpoint("/metrics");
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IResult Ready()
    {
        var checks = new JsonObject();
        var ready = true;
        foreach (var check in services.GetServices<IReadinessCheck>())
        {
            (bool Ready, string Detail) result;
            try
            {
                result = check.Check();
            }
            catch (Exception ex)
            {
                result = (false, ex.GetType().Name + ": " + ex.Message);
            }

            ready &= result.Ready;
            checks[check.Name] = new JsonObject { ["ready"] = result.Ready, ["detail"] = result.Detail };
        }

        return Results.Text(new JsonObject { ["ready"] = ready, ["checks"] = checks }.ToJsonString(), "application/json", statusCode: ready ? 200 : 503);
    }
}
