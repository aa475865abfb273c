namespace Bot.Discord.Gateway;

/// <summary>Opens gateway connections; the seam where tests put a scripted gateway.</summary>
internal interface IGatewayTransport
{
    Task<IGatewayConnection> ConnectAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>One gateway connection: whole text messages in and out, and the close code when it ends.</summary>
internal interface IGatewayConnection : IAsyncDisposable
{
    /// <summary>The next message, or the close (code null when the connection dropped without one).</summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    Task SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Closes with <paramref name="code"/>; <see cref="GatewayCloseCode.Normal"/> ends the session, other codes keep it resumable.</summary>
    Task CloseAsync(GatewayCloseCode code, CancellationToken cancellationToken);
}

/// <summary>A received text message, or a close.</summary>
internal readonly record struct GatewayFrame(string? Text, int? CloseCode, bool Closed)
{
    public static GatewayFrame Message(string text) => new(text, null, false);

    public static GatewayFrame Close(int? code) => new(null, code, true);
}
