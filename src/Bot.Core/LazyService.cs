using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core;

/// <summary>
/// <c>Lazy&lt;T&gt;</c> from the container: a service that needs another only on some paths takes
/// <c>Lazy&lt;T&gt;</c>, so the paths that never need it never build it (a package lookup from the
/// cache opens no database and starts no HTTP client). For singletons, which is all the bot has.
/// </summary>
internal sealed class LazyService<T>(IServiceProvider services) : Lazy<T>(services.GetRequiredService<T>)
    where T : notnull;
