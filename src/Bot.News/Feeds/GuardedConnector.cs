using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;

namespace Bot.News.Feeds;

/// <summary>
/// Opens every TCP connection of the feed fetcher (the first request and each redirect alike): it resolves the
/// host itself, refuses unless every address is allowed, and connects to the very address it checked, so a name
/// that resolves differently a moment later (DNS rebinding) cannot slip past the check.
/// </summary>
internal sealed class GuardedConnector(Func<IPEndPoint, bool> allows)
{
    /// <summary>Public addresses only, unless <see cref="NewsOptions.AllowPrivateAddresses"/> is set.</summary>
    public static GuardedConnector PublicOnly(IOptions<NewsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GuardedConnector(endpoint => options.Value.AllowPrivateAddresses || PublicAddress.IsPublic(endpoint.Address));
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);

        // An IPv6 literal may arrive in brackets; Dns returns a literal as itself without asking anyone.
        var addresses = await Dns.GetHostAddressesAsync(host.TrimStart('[').TrimEnd(']'), cancellationToken).ConfigureAwait(false);
        var targets = Array.ConvertAll(addresses, address => new IPEndPoint(address, port));

        // All, not just the one connected to: a name with one public and one private address is refused whole.
        if (targets.Length == 0 || !Array.TrueForAll(targets, target => allows(target)))
        {
            throw new AddressRefusedException();
        }

        ExceptionDispatchInfo? lastFailure = null;
        foreach (var target in targets)
        {
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ExceptionDispatchInfo.Capture(ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        lastFailure!.Throw();
        throw new UnreachableException();
    }
}

/// <summary>A feed's host is not an allowed address; no connection was opened.</summary>
internal sealed class AddressRefusedException : Exception
{
    public AddressRefusedException()
        : base(PublicAddress.Refusal)
    {
    }

    public AddressRefusedException(string message)
        : base(message)
    {
    }

    public AddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
