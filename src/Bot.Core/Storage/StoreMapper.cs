using System.Collections;
using System.Reflection;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Storage;

/// <summary>A document type that a module keeps in the store; registered with <see cref="StoreMapperExtensions.AddStoreDocuments"/>.</summary>
/// <param name="Type">The class LiteDB maps to and from BSON.</param>
public sealed record StoreDocument(Type Type);

/// <summary>
/// The store's own BSON mapper, with the mapping of every registered document type (and every type
/// nested in one) built once, on one thread, before the database opens.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21's mapper publishes an entity mapping before its members are filled in, and reads
/// its cache without a lock (LiteDB issue #2536, fixed only in later versions, which the registry does
/// not serve). Two threads touching a type for the first time can therefore see "Member X not found on
/// BsonMapper". Building everything up front leaves the cache read-only afterwards, and a type that
/// was not registered fails loudly instead of racing, so a missing registration shows in any test
/// that stores it.
/// </remarks>
public sealed class StoreMapper : BsonMapper
{
    private static readonly MethodInfo EntityMethod = typeof(BsonMapper).GetMethod(nameof(Entity))!;
    private bool _warm;

    private StoreMapper()
    {
    }

    /// <summary>The document types whose mappings were built, nested ones included.</summary>
    public IReadOnlyCollection<Type> Mapped { get; private set; } = [];

    /// <summary>Builds the mapper and the mapping of each type in <paramref name="documents"/> and of the types they contain.</summary>
    public static StoreMapper Create(IEnumerable<StoreDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var mapper = new StoreMapper();
        var mapped = new HashSet<Type>();
        var pending = new Queue<Type>(documents.Select(d => d.Type).Append(typeof(SchemaMigrator.SchemaVersion)).Append(typeof(StateDocument)).Append(typeof(LeaseDocument)));
        while (pending.TryDequeue(out var type))
        {
            if (!mapped.Add(type))
            {
                continue;
            }

            EntityMethod.MakeGenericMethod(type).Invoke(mapper, null);
            var members = typeof(IDictionary).IsAssignableFrom(type) ? [] : type.GetProperties(BindingFlags.Instance | BindingFlags.Public);
            foreach (var contained in members.SelectMany(p => Contained(p.PropertyType)))
            {
                pending.Enqueue(contained);
            }
        }

        mapper.Mapped = mapped;
        mapper._warm = true;
        return mapper;
    }

    /// <inheritdoc/>
    protected override EntityMapper BuildAddEntityMapper(Type type)
    {
        if (_warm)
        {
            throw new InvalidOperationException(
                $"{type.FullName} is not a registered store document: register it with services.AddStoreDocuments(typeof({type.Name})) in its module.");
        }

        return base.BuildAddEntityMapper(type);
    }

    /// <summary>
    /// The types a property's value maps through: the element type of a list or array, the value type
    /// of a dictionary as well as the dictionary itself (LiteDB builds it through a mapping too), and
    /// <c>Dictionary&lt;string, object&gt;</c> for <c>object</c>, as LiteDB reads an untyped document.
    /// </summary>
    private static IEnumerable<Type> Contained(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(object))
        {
            yield return typeof(Dictionary<string, object>);
            yield break;
        }

        if (Scalar(plain))
        {
            yield break;
        }

        var dictionary = plain.GetInterfaces().Append(plain).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            yield return plain;
            foreach (var value in Contained(dictionary.GetGenericArguments()[1]))
            {
                yield return value;
            }

            yield break;
        }

        var item = plain.IsArray ? plain.GetElementType()
            : plain.GetInterfaces().Append(plain).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (item is not null)
        {
            foreach (var contained in Contained(item))
            {
                yield return contained;
            }

            yield break;
        }

        yield return plain;
    }

    /// <summary>Values LiteDB writes as one BSON value, without a mapping.</summary>
    private static bool Scalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(byte[]) || type == typeof(ObjectId)
        || typeof(BsonValue).IsAssignableFrom(type);
}

/// <summary>A collection a module keeps, with the class of its documents: what <c>bot data migrate</c> copies.</summary>
/// <param name="Name">The collection's (and table's) name.</param>
/// <param name="Type">The document class, an <see cref="IStoredDocument"/>.</param>
public sealed record StoreCollection(string Name, Type Type);

/// <summary>Registers store document types.</summary>
public static class StoreMapperExtensions
{
    /// <summary>Declares a collection a module keeps and its document class (mapped before the store opens, copied by <c>bot data migrate</c>).</summary>
    public static IServiceCollection AddStoreCollection<T>(this IServiceCollection services, string name)
        where T : class, IStoredDocument
    {
        services.AddSingleton(new StoreCollection(name, typeof(T)));
        return services.AddStoreDocuments(typeof(T));
    }

    /// <summary>Declares the document types a module keeps in the store, so their mappings are built before the store opens.</summary>
    public static IServiceCollection AddStoreDocuments(this IServiceCollection services, params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            services.AddSingleton(new StoreDocument(type));
        }

        return services;
    }
}
