using System.Reflection;
using Bot.Core.Storage;

namespace Bot.Host.Operations;

/// <summary>
/// <c>bot data migrate</c>'s copy: every declared collection's documents, read as their classes from
/// one store and added to the other where their id is not there yet. A run cut short is finished by
/// the next, and a run after bots have worked on the new store changes none of their documents (a
/// post they sent stays sent). Leases (held by processes of the old store) and schema versions (each
/// store keeps its own) are not copied.
/// </summary>
internal static class StoreCopy
{
    private static readonly MethodInfo CopyMethod = typeof(StoreCopy).GetMethod(nameof(CopyCollection), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Copies <paramref name="collections"/> from <paramref name="from"/> to <paramref name="to"/>; how many documents each held and how many were added.</summary>
    public static IReadOnlyList<(string Collection, int Documents, int Added)> Copy(IDocumentStore from, IDocumentStore to, IEnumerable<StoreCollection> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        return [.. collections.DistinctBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => CopyMethod.MakeGenericMethod(c.Type).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [from, to, c.Name], null))
            .Cast<(string, int, int)>()];
    }

    private static (string Collection, int Documents, int Added) CopyCollection<T>(IDocumentStore from, IDocumentStore to, string name)
        where T : class, IStoredDocument
    {
        var documents = from.Collection<T>(name).All();
        var target = to.Collection<T>(name);
        // One transaction per collection: a copy cut short leaves whole collections, and the next run adds the rest.
        var added = to.InTransaction(() => documents.Count(target.TryInsert));
        return (name, documents.Count, added);
    }
}
