using System.Reflection;

namespace Bot.Core.Diagnostics;

/// <summary>How the bot names itself to the services it calls: one product name, version and address.</summary>
public static class BotIdentity
{
    public const string Product = "EnterpriseLinuxCommunityBot";

    /// <summary>The build's version (Directory.Build.props), three parts.</summary>
    public static string Version { get; } = typeof(BotIdentity).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The project's public address (Directory.Build.props, <c>ProjectUrl</c>).</summary>
    public static string ProjectUrl { get; } =
        typeof(BotIdentity).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ProjectUrl")?.Value ?? "";

    /// <summary>The User-Agent of HTTP clients other than Discord's: <c>Product/Version (+url)</c>.</summary>
    public static string UserAgent { get; } = $"{Product}/{Version} (+{ProjectUrl})";
}
