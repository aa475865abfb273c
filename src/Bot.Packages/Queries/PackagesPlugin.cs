using System.ComponentModel;
using System.Text.Json;
using Bot.Core.Assistant;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Packages.Queries;

/// <summary>The four package queries as Semantic Kernel functions, so /ask with a model can answer from repository data.</summary>
internal sealed class PackagesPlugin(PackageQueries queries, IOptions<PackagesOptions> options) : IAssistantPlugin
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "packages";

    public object Functions => this;

    public string CitationId => "packages";

    [KernelFunction("package_versions")]
    [Description("Newest version (epoch, version, release) of an RPM package in each indexed distribution's repositories.")]
    public string Versions([Description("Package name, e.g. openssl")] string name, [Description("Optional distro, e.g. alma9")] string? distro = null) =>
        Serialize(queries.Info(name, Known(distro)));

    [KernelFunction("what_provides")]
    [Description("Packages that provide a capability, a soname such as libssl.so.3, or a file path.")]
    public string Provides([Description("Capability, soname or absolute path")] string what, [Description("Optional distro")] string? distro = null) =>
        Serialize(queries.Provides(what, Known(distro)));

    [KernelFunction("compare_package")]
    [Description("Compares a package between two distros: both versions, which is newer by rpm's rules, and sonames/symbol versions only one side provides.")]
    public string Compare([Description("Package name")] string name, [Description("First distro, e.g. alma9")] string from, [Description("Second distro, e.g. rocky9")] string to) =>
        Serialize(queries.Compare(name, from, to));

    [KernelFunction("advisory")]
    [Description("Security advisories by CVE id or advisory id (ALSA/RLSA/RHSA/ELSA) with fixed package versions per distro.")]
    public string Advisory([Description("CVE-2024-6387 or ALSA-2024:4312")] string id, [Description("Optional distro")] string? distro = null) =>
        Serialize(queries.Advisory(id, Known(distro)));

    private string? Known(string? distro) => distro is not null && options.Value.Distros.Contains(distro) ? distro : null;

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
