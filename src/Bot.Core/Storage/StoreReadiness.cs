using Bot.Core.Status;
using LiteDB;

namespace Bot.Core.Storage;

/// <summary>/readyz: the store answers a read.</summary>
internal sealed class StoreReadiness(ILiteDatabase database) : IReadinessCheck
{
    public string Name => "store";

    public (bool Ready, string Detail) Check()
    {
        try
        {
            return (true, $"{database.GetCollectionNames().Count()} collections");
        }
        catch (Exception ex) when (ex is LiteException or IOException or ObjectDisposedException)
        {
            return (false, ex.Message);
        }
    }
}
