using System.Security.Cryptography;
using System.Text;

namespace Bot.News.Polling;

/// <summary>
/// Outbox ids derived from what a post is, not drawn at random: an item whose commit was lost and is
/// queued again gets the same id, hence the same Discord nonce / Matrix txnId, so the platform can
/// recognise the repeat.
/// </summary>
internal static class OutboxIds
{
    /// <summary>Hex digits kept of the SHA-256: 80 bits, far from any collision in one outbox.</summary>
    private const int HexLength = 20;

    /// <summary>Subscription ids are shown to people: 48 bits keep them short and still apart.</summary>
    private const int SubscriptionHexLength = 12;

    public static string ForItem(string subscriptionId, string itemKey) => "i" + Hash(subscriptionId, itemKey);

    /// <summary>The "…and N more" line of one poll, named by the items it stands for.</summary>
    public static string ForSummary(string subscriptionId, IEnumerable<string> itemKeys) => "m" + Hash(subscriptionId, string.Join('\n', itemKeys));

    /// <summary>
    /// A subscription's id, from its key (channel and URL): a subscribe replayed after a crash lost its
    /// commit gets the same id, so the items it posted before keep their ids too.
    /// </summary>
    public static string ForSubscription(string subscriptionKey) => "n" + Hash("subscription", subscriptionKey)[..SubscriptionHexLength];

    public static string ForAnnouncement(string announcementId) => "announce-" + announcementId;

    /// <summary>A notice about a pause, one per pause event (the feed's id and the moment it paused).</summary>
    public static string ForNotice(string subjectId, DateTime pausedAt) =>
        "p" + Hash(subjectId, pausedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Hash(string owner, string what) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner + "\n" + what)))[..HexLength];
}
