namespace Tfe.Cdk.Constructs;

/// <summary>
/// The database-user function's source (handler.js, an embedded resource): a self-contained Node.js handler with its own
/// PostgreSQL wire-protocol client, so no npm package is bundled and the code goes inline into the template.
/// </summary>
internal static class TfeDatabaseUserCode
{
    /// <summary>The resource's logical name (Tfe.Cdk.Constructs.csproj).</summary>
    public const string ResourceName = "Tfe.Cdk.Constructs.DatabaseUser.handler.js";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(TfeDatabaseUserCode).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the library");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The handler's JavaScript.</summary>
    public static string Source => Text.Value;
}
