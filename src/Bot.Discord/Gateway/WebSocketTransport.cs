using System.Net.WebSockets;
using System.Text;

namespace Bot.Discord.Gateway;

/// <summary>The gateway over <see cref="ClientWebSocket"/>: JSON text frames, no compression, sends serialized.</summary>
internal sealed class WebSocketTransport : IGatewayTransport
{
    /// <summary>Discord's payloads are far smaller; a larger message is a broken peer.</summary>
    private const int MaxMessage = 4 * 1024 * 1024;

    public async Task<IGatewayConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            return new Connection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class Connection(ClientWebSocket socket) : IGatewayConnection
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly byte[] _buffer = new byte[16 * 1024];

        public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
        {
            using var message = new MemoryStream();
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(_buffer, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return GatewayFrame.Close((int?)socket.CloseStatus);
                    }

                    message.Write(_buffer, 0, result.Count);
                    if (message.Length > MaxMessage)
                    {
                        return GatewayFrame.Close(null);
                    }

                    if (result.EndOfMessage)
                    {
                        return GatewayFrame.Message(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Dropped, or aborted by our own zombie check: no close code, so the session resumes.
                return GatewayFrame.Close(null);
            }
        }

        public async Task SendAsync(string text, CancellationToken cancellationToken)
        {
            await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _send.Release();
            }
        }

        public async Task CloseAsync(GatewayCloseCode code, CancellationToken cancellationToken)
        {
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(2));
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, null, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // A connection we are leaving anyway.
            }

            socket.Abort();
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            _send.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
