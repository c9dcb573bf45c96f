namespace Tariff.Testing;

/// <summary>
/// What ./test.sh tells the tests about the machine. A test that needs a server fails with a message saying how
/// to provide it; it is never skipped, because a skipped test would hide a missing dependency.
/// </summary>
public static class TestEnvironment
{
    /// <summary>An administrative connection string to a PostgreSQL server on which tests may create databases.</summary>
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("TARIFF_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "TARIFF_TEST_POSTGRES is not set. Run the suite with ./test.sh, which starts the private PostgreSQL, " +
                "or set TARIFF_TEST_POSTGRES to a connection string of a server where the tests may create databases.");

    /// <summary>The HTTP address of a ClickHouse server on which tests may create databases.</summary>
    public static Uri ClickHouseUrl =>
        Environment.GetEnvironmentVariable("TARIFF_TEST_CLICKHOUSE") is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException(
                "TARIFF_TEST_CLICKHOUSE is not set. Run the suite with ./test.sh, which starts the private ClickHouse " +
                "(scripts/clickhouse.sh), or set TARIFF_TEST_CLICKHOUSE to the HTTP address of a server where the tests may create databases.");

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("TARIFF_REPO_ROOT") is { Length: > 0 } configured)
            {
                return configured;
            }

            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Studio.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (no Studio.sln above the test binaries).");
        }
    }

    /// <summary>Where tests keep output worth looking at (screenshots, logs); created on demand.</summary>
    public static string ArtifactsFolder(string name)
    {
        var root = Environment.GetEnvironmentVariable("TARIFF_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "artifacts", "test-results");
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
