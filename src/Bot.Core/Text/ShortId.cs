using System.Security.Cryptography;

namespace Bot.Core.Text;

/// <summary>
/// Ids that people type and read back (<c>/announce cancel a1b2c3</c>, an error's id in the log):
/// a letter saying what it names, then random lower-case hex. Six hex digits give 16.7 million
/// values, plenty for what one channel has waiting; eight for ids that must not meet across the bot.
/// </summary>
public static class ShortId
{
    /// <summary>A new id: <paramref name="prefix"/> then <paramref name="hexDigits"/> random hex digits.</summary>
    public static string New(string prefix, int hexDigits)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(hexDigits, 4);
        return prefix + RandomNumberGenerator.GetHexString(hexDigits, lowercase: true);
    }
}
