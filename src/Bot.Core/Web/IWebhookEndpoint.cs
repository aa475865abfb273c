namespace Bot.Core.Web;

/// <summary>
/// A POST endpoint an adapter serves on the host's HTTP listener (<c>Http:Urls</c>), such as
/// Discord's <c>/interactions</c>. The host reads the raw body (413 above <see cref="MaxBodyBytes"/>)
/// and writes the answer; adapters stay free of ASP.NET.
/// </summary>
public interface IWebhookEndpoint
{
    /// <summary>The path, e.g. <c>/interactions</c>.</summary>
    string Path { get; }

    /// <summary>Bodies above this get 413 without being read further.</summary>
    int MaxBodyBytes { get; }

    /// <summary>Answers one request.</summary>
    /// <param name="header">Looks a request header up by name; null when absent.</param>
    /// <param name="body">The raw body, exactly as it arrived (signatures cover it).</param>
    /// <param name="cancellationToken">The request was aborted.</param>
    /// <returns>The answer, and optionally work to run after it was written.</returns>
    ValueTask<WebhookAnswer> HandleAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>The answer to a webhook request.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body (JSON unless <see cref="ContentType"/> says otherwise).</param>
public sealed record WebhookAnswer(int Status, string Body)
{
    /// <summary>The body's media type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Work that must start only once the answer is on its way (a follow-up to a deferred reply).</summary>
    public Func<CancellationToken, Task>? After { get; init; }
}
