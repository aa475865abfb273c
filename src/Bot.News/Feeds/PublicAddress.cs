using System.Net;
using System.Net.Sockets;

namespace Bot.News.Feeds;

/// <summary>
/// Tells public internet addresses from everything else. Any chat member can name a feed URL, so without
/// this the bot would fetch from its own loopback, the host's private network or the cloud metadata service
/// (169.254.169.254) on their behalf (server-side request forgery). Only addresses outside every range below
/// are public; IPv6 forms that carry an IPv4 address inside are judged by that IPv4 address.
/// </summary>
internal static class PublicAddress
{
    /// <summary>The one reply to a refused address: it says nothing about what is (or is not) behind it.</summary>
    public const string Refusal = "that address is not a public internet address; I only read public feeds";

    // IPv4 (RFC 6890 special-purpose registry, the ranges that reach the host itself or its own networks).
    private static readonly IPNetwork ThisNetwork = IPNetwork.Parse("0.0.0.0/8");
    private static readonly IPNetwork Private10 = IPNetwork.Parse("10.0.0.0/8");
    private static readonly IPNetwork CarrierGradeNat = IPNetwork.Parse("100.64.0.0/10");
    private static readonly IPNetwork LoopbackV4 = IPNetwork.Parse("127.0.0.0/8");
    private static readonly IPNetwork LinkLocalV4 = IPNetwork.Parse("169.254.0.0/16"); // includes the cloud metadata service
    private static readonly IPNetwork Private172 = IPNetwork.Parse("172.16.0.0/12");
    private static readonly IPNetwork Private192 = IPNetwork.Parse("192.168.0.0/16");
    private static readonly IPNetwork MulticastV4 = IPNetwork.Parse("224.0.0.0/4");
    private static readonly IPNetwork ReservedV4 = IPNetwork.Parse("240.0.0.0/4"); // includes 255.255.255.255, the broadcast address

    private static readonly IPNetwork[] NotPublicV4 =
        [ThisNetwork, Private10, CarrierGradeNat, LoopbackV4, LinkLocalV4, Private172, Private192, MulticastV4, ReservedV4];

    // IPv6.
    private static readonly IPNetwork Unspecified = IPNetwork.Parse("::/128");
    private static readonly IPNetwork LoopbackV6 = IPNetwork.Parse("::1/128");
    private static readonly IPNetwork UniqueLocal = IPNetwork.Parse("fc00::/7"); // RFC 4193, the IPv6 private networks
    private static readonly IPNetwork LinkLocalV6 = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork SiteLocal = IPNetwork.Parse("fec0::/10"); // deprecated, but still private where used
    private static readonly IPNetwork MulticastV6 = IPNetwork.Parse("ff00::/8");
    private static readonly IPNetwork LocalNat64 = IPNetwork.Parse("64:ff9b:1::/48"); // RFC 8215: a site's own translator

    private static readonly IPNetwork[] NotPublicV6 = [Unspecified, LoopbackV6, UniqueLocal, LinkLocalV6, SiteLocal, MulticastV6, LocalNat64];

    // IPv6 forms with an IPv4 address inside: a translator or tunnel would carry the request to that IPv4 address.
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96"); // deprecated, last 32 bits
    private static readonly IPNetwork WellKnownNat64 = IPNetwork.Parse("64:ff9b::/96"); // RFC 6052, last 32 bits
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16"); // RFC 3056, bits 16 to 47

    private const int Ipv4Length = 4;
    private const int LastIpv4Offset = 12;
    private const int SixToFourIpv4Offset = 2;

    /// <summary>True when the address is on the public internet (and so may be fetched from).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !Array.Exists(NotPublicV4, range => range.Contains(address)),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (Array.Exists(NotPublicV6, range => range.Contains(address)))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (Ipv4Compatible.Contains(address) || WellKnownNat64.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(LastIpv4Offset, Ipv4Length)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(SixToFourIpv4Offset, Ipv4Length)));
        }

        return true;
    }
}
