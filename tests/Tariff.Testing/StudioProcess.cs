using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
namespace Tariff.Testing;

/// <summary>
/// The real studio, started as its own process on a free loopback port against a throwaway database, exactly as
/// ./studio.sh starts it. Its output is kept so that tests can read the printed demo login.
/// </summary>
public sealed partial class StudioProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> loginLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool ownsDatabase = true;

    private StudioProcess(Process process, Uri baseAddress, PostgresTestDatabase database)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Database = database;
    }

    public Uri BaseAddress { get; }

    public PostgresTestDatabase Database { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the studio on a fresh database and waits until <c>/healthz</c> answers; <paramref name="environment"/>
    /// adds variables (a bootstrap key, ingest limits).
    /// </summary>
    public static async Task<StudioProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null) =>
        await StartOnAsync(await PostgresTestDatabase.CreateAsync("studio"), environment);

    /// <summary>
    /// Kills the process at once (SIGKILL: no shutdown, no flushing, as a crash or an OOM kill would) and starts a new
    /// one on the same database, which the new instance then owns.
    /// </summary>
    public async Task<StudioProcess> KillAndRestartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        process.Kill();
        await process.WaitForExitAsync();
        ownsDatabase = false;
        return await StartOnAsync(Database, environment);
    }

    /// <summary>Starts a second studio on this one's database, as a second node of one installation (the database stays this one's).</summary>
    public async Task<StudioProcess> StartAnotherAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var other = await StartOnAsync(Database, environment);
        other.ownsDatabase = false;
        return other;
    }

    private static async Task<StudioProcess> StartOnAsync(PostgresTestDatabase database, IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreePort();
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Tariff"] = database.ConnectionString,
        };
        var process = Launch(variables);
        var studio = new StudioProcess(process, new Uri($"http://127.0.0.1:{port}/"), database);
        studio.Attach();
        await studio.WaitUntilServingAsync();
        return studio;
    }

    /// <summary>Runs the studio with exactly this environment until it exits, and returns its code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Launch(environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The studio was expected to exit but still ran after {timeout}:\n{output}");
        }

        process.WaitForExit(); // drains the output readers
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>A loopback port nothing listens on at the moment of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Launch(IDictionary<string, string> environment)
    {
        var studioFolder = Path.Combine(TestEnvironment.RepositoryRoot, "studio", "Tariff.Studio");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var dll = Path.Combine(studioFolder, "bin", configuration, "net10.0", "Tariff.Studio.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The studio is not built: {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = studioFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ConnectionStrings__Tariff", "ASPNETCORE_URLS", "TARIFF_DEMO_ADMIN_PASSWORD", "TARIFF_BOOTSTRAP_API_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private void Attach()
    {
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The e-mail and password the studio printed at its first start.</summary>
    public async Task<(string Email, string Password)> PrintedLoginAsync()
    {
        var line = await loginLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var match = LoginPattern().Match(line);
        return match.Success
            ? (match.Groups["email"].Value, match.Groups["password"].Value)
            : throw new InvalidOperationException($"The login line has no password: {line}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.StartsWith("Demo login:", StringComparison.Ordinal))
        {
            loginLine.TrySetResult(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The studio exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The studio did not become healthy within 90 seconds:\n{Output}");
    }

    [GeneratedRegex(@"^Demo login: (?<email>\S+) / (?<password>\S+)$")]
    private static partial Regex LoginPattern();
}
