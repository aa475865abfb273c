using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Web;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Interactions;

/// <summary>
/// Discord's HTTP interactions endpoint (<c>POST /interactions</c>): the signature is checked
/// before anything parses the body (401 on any doubt), bodies above 64 KiB get 413, malformed JSON
/// and unknown types 400, never a 500; the rest goes to the dispatcher.
/// </summary>
internal sealed partial class InteractionHandler(SignatureVerifier verifier, InteractionDispatcher dispatcher, ILogger<InteractionHandler> logger) : IWebhookEndpoint
{
    public const int MaxBody = 64 * 1024;

    public string Path => "/interactions";

    public int MaxBodyBytes => MaxBody;

    public ValueTask<WebhookAnswer> HandleAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(HandleAsync(header("X-Signature-Ed25519"), header("X-Signature-Timestamp"), body, cancellationToken));
    }

    public async Task<WebhookAnswer> HandleAsync(string? signature, string? timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length > MaxBody)
        {
            return InteractionDispatcher.Error(413, "body too large");
        }

        if (verifier.Check(signature, timestamp, body.Span) is { } why)
        {
            LogRefused(logger, why);
            return InteractionDispatcher.Error(401, "invalid request signature");
        }

        JsonNode? interaction;
        try
        {
            interaction = JsonNode.Parse(body.Span);
        }
        catch (JsonException)
        {
            return InteractionDispatcher.Error(400, "malformed JSON");
        }

        return await dispatcher.RespondAsync(interaction, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord interaction refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);
}
