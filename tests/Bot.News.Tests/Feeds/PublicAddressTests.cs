using System.Net;
using Bot.News.Feeds;

namespace Bot.News.Tests.Feeds;

/// <summary>The address classifier alone: no address here is ever connected to.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")] // RFC 1918
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("fd00::1")] // RFC 4193
    [InlineData("fc00::1")]
    [InlineData("169.254.169.254")] // link-local: the cloud metadata service
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("100.64.0.1")] // carrier-grade NAT
    [InlineData("100.127.255.255")]
    [InlineData("224.0.0.1")] // multicast
    [InlineData("239.255.255.250")]
    [InlineData("ff02::1")]
    [InlineData("0.0.0.0")] // unspecified, "this network"
    [InlineData("0.1.2.3")]
    [InlineData("::")]
    [InlineData("255.255.255.255")] // broadcast
    [InlineData("240.0.0.1")] // reserved
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("::10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::1")] // a site's own NAT64
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("fec0::1")] // site-local
    public void NonPublicAddress_IsRefused(string address)
    {
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.15.255.255")] // just outside 172.16/12
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")] // just outside 100.64/10
    [InlineData("100.128.0.1")]
    [InlineData("223.255.255.255")] // just below multicast
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")] // IPv4-mapped public
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void PublicAddress_IsAllowed(string address)
    {
        Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)), address);
    }
}
