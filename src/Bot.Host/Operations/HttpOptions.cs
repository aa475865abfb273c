namespace Bot.Host.Operations;

/// <summary>The operations endpoints (section <c>Http</c>): off unless Urls is set.</summary>
internal sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Where /healthz, /readyz and /metrics listen, e.g. http://127.0.0.1:8080 (keep it on loopback or a private network).</summary>
    public string? Urls { get; set; }
}
