using System.Text.Json.Nodes;
using Bot.Core.Diagnostics;
using Bot.Core.Status;
using Bot.Core.Web;
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
/// (Prometheus text through OpenTelemetry) on Kestrel, when <c>Http:Urls</c> is set; and the
/// adapters' webhook endpoints (Discord's POST /interactions), raw body in, answer out.
/// </summary>
internal sealed partial class HttpEndpoints(IServiceProvider services, IOptions<HttpOptions> options, IHostApplicationLifetime lifetime, ILogger<HttpEndpoints> logger) : IHostedService, IAsyncDisposable
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
        foreach (var endpoint in services.GetServices<IWebhookEndpoint>())
        {
            _app.MapPost(endpoint.Path, http => Webhook(endpoint, http));
        }

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

    private async Task Webhook(IWebhookEndpoint endpoint, HttpContext http)
    {
        var limit = endpoint.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // Read at most limit + 1 bytes: enough to know a body without Content-Length is too large.
        var buffer = new byte[Math.Min(limit + 1, (int)(http.Request.ContentLength ?? limit + 1))];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        WebhookAnswer answer;
        try
        {
            answer = await endpoint.HandleAsync(name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null, buffer.AsMemory(0, length), http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWebhookFailed(logger, endpoint.Path, ex);
            answer = new WebhookAnswer(500, """{"error":"internal error"}""");
        }

        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = answer.ContentType;
        await http.Response.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
        if (answer.After is { } after)
        {
            // The answer is written; follow-ups may now refer to it. They outlive the request, not the bot.
            await http.Response.CompleteAsync().ConfigureAwait(false);
            _ = Task.Run(async () =>
            {
                try
                {
                    await after(lifetime.ApplicationStopping).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    LogWebhookFailed(logger, endpoint.Path, ex);
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook {Path} failed")]
    private static partial void LogWebhookFailed(ILogger logger, string path, Exception exception);

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
