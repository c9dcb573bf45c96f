using System.Diagnostics;

namespace Tariff.Studio.Documents;

/// <summary>
/// Prints HTML to PDF with headless Chromium when it is installed (Debian's <c>chromium</c>, or the path in
/// <c>Tariff:Chromium</c>). The page is written to a private temporary folder and printed from there; nothing is
/// fetched from the network, and a print that hangs is stopped.
/// </summary>
public sealed class ChromiumPdf(IConfiguration configuration, ILogger<ChromiumPdf> logger)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly string? executable = Find(configuration["Tariff:Chromium"]);

    /// <summary>True when a Chromium executable was found.</summary>
    public bool IsAvailable => executable is not null;

    /// <summary>The PDF of <paramref name="html"/>.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        if (executable is null)
        {
            throw new InvalidOperationException("Chromium is not installed; install Debian's chromium package or set Tariff:Chromium.");
        }

        var folder = Directory.CreateTempSubdirectory("tariff-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "invoice.html");
            var pdf = Path.Combine(folder.FullName, "invoice.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                    $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Limit);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                var message = await errors;
                logger.LogError("Chromium failed to print a PDF (exit {Code}): {Errors}", process.ExitCode, message);
                throw new InvalidOperationException($"Chromium could not print the PDF (exit code {process.ExitCode}).");
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return KnownPaths.FirstOrDefault(File.Exists);
    }
}
