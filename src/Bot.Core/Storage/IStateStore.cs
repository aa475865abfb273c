namespace Bot.Core.Storage;

/// <summary>
/// Small named values the bot keeps between runs (a registration hash, a sync token's
/// companion values, first-start time). Behind an interface so a server database can replace LiteDB.
/// </summary>
public interface IStateStore
{
    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    string? Get(string key);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, committed when this returns.</summary>
    void Set(string key, string value);

    /// <summary>The value of a counter kept with <see cref="Increment"/>; 0 when never counted.</summary>
    long Counter(string key);

    /// <summary>Adds <paramref name="delta"/> to a counter atomically and returns the new value.</summary>
    long Increment(string key, long delta = 1);
}
