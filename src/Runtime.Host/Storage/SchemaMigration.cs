namespace AgentRuntime.Host.Storage;

/// <summary>A versioned, additive schema change recorded in <c>schema_migrations</c> (spec §3.3).</summary>
/// <param name="Id">The id recorded once applied; never changes once shipped.</param>
/// <param name="Description">The recorded description.</param>
/// <param name="Sql">The DDL, run inside the migration's <c>BEGIN IMMEDIATE</c> transaction; empty for a marker.</param>
internal sealed record SchemaMigration(string Id, string Description, string Sql);
