using System.Reflection;
using Bot.Core.Storage;

namespace Bot.Host.Operations;

/// <summary>
/// <c>bot data migrate</c>'s copy: every declared collection's documents, read as their classes from
/// one store and upserted into the other, so a second run changes nothing and a run cut short is
/// finished by the next. Leases (held by processes of the old store) and schema versions (each
/// store keeps its own) are not copied.
/// </summary>
internal static class StoreCopy
{
    private static readonly MethodInfo CopyMethod = typeof(StoreCopy).GetMethod(nameof(CopyCollection), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Copies <paramref name="collections"/> from <paramref name="from"/> to <paramref name="to"/>; how many documents each held.</summary>
    public static IReadOnlyList<(string Collection, int Documents)> Copy(IDocumentStore from, IDocumentStore to, IEnumerable<StoreCollection> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        return [.. collections.DistinctBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => (c.Name, (int)CopyMethod.MakeGenericMethod(c.Type).Invoke(null, [from, to, c.Name])!))];
    }

    private static int CopyCollection<T>(IDocumentStore from, IDocumentStore to, string name)
        where T : class, IStoredDocument
    {
        var documents = from.Collection<T>(name).All();
        var target = to.Collection<T>(name);
        // One transaction per collection: a copy cut short leaves whole collections, and the next run upserts the rest.
        to.InTransaction(() =>
        {
            foreach (var document in documents)
            {
                target.Upsert(document);
            }

            return true;
        });
        return documents.Count;
    }
}
