using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Alerts;

/// <summary>
/// Sends due deliveries from the outbox: webhooks as a signed POST, email through SMTP. A claimed row is leased (its
/// next attempt moved ahead) so that another instance does not send it at the same time; a failure is retried with
/// exponential backoff until <see cref="MaxAttempts"/>. Delivery is at least once: receivers deduplicate on the
/// <c>Tariff-Delivery</c> header.
/// </summary>
public sealed class AlertDispatcher(
    NpgsqlDataSource dataSource, WebhookEndpointService endpoints, IHttpClientFactory httpClients, SmtpOptions smtp, TimeProvider clock,
    ILogger<AlertDispatcher> logger)
{
    public const string HttpClientName = "tariff-webhooks";
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>Sends what is due now; returns how many deliveries were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await dataSource.ListAsync("""
            UPDATE alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
            FROM (SELECT id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED) due
            LEFT JOIN alert_deliveries x ON x.id = due.id
            LEFT JOIN webhook_endpoints w ON w.id = x.endpoint_id
            WHERE d.id = due.id
            RETURNING d.id, d.channel, d.recipient, d.payload, d.attempts, w.url, w.secret_protected
            """, reader => (Id: reader.GetGuid(0), Channel: reader.GetString(1), Recipient: reader.IsDBNull(2) ? null : reader.GetString(2),
                Payload: reader.GetString(3), Attempts: reader.GetInt32(4), Url: reader.IsDBNull(5) ? null : reader.GetString(5),
                Secret: reader.IsDBNull(6) ? null : reader.GetString(6)),
            cancellationToken, now, now + Lease);
        foreach (var delivery in due)
        {
            string? error;
            try
            {
                error = delivery.Channel == "webhook"
                    ? await PostAsync(delivery.Id, delivery.Url!, endpoints.Unprotect(delivery.Secret!), delivery.Payload, cancellationToken)
                    : await MailAsync(delivery.Recipient!, delivery.Payload, cancellationToken);
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or SmtpException or IOException
                or System.Security.Cryptography.CryptographicException
                && !cancellationToken.IsCancellationRequested)
            {
                error = failure.Message;
            }

            await RecordAsync(delivery.Id, delivery.Attempts, error, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>How long after failed attempt number <paramref name="attempts"/> the next one is made.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay < LongestRetry ? delay : LongestRetry;
    }

    private async Task<string?> PostAsync(Guid deliveryId, string url, string secret, string payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, clock.GetUtcNow(), payload));
        request.Headers.Add("Tariff-Delivery", deliveryId.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        return response.IsSuccessStatusCode ? null : $"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private async Task<string?> MailAsync(string recipient, string payload, CancellationToken cancellationToken)
    {
        if (!smtp.Configured)
        {
            return "SMTP is no longer configured (Tariff:Smtp:Host)";
        }

        var message = JsonDocument.Parse(payload).RootElement.GetProperty("alert").GetProperty("message").GetString() ?? string.Empty;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new System.Net.NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var mail = new MailMessage(smtp.From, recipient, "Tariff alert", message + "\n");
        await client.SendMailAsync(mail, cancellationToken);
        return null;
    }

    private async Task RecordAsync(Guid id, int attempts, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (error is null)
        {
            await dataSource.ExecuteAsync("UPDATE alert_deliveries SET status = 'delivered', delivered_at = $2, last_error = NULL WHERE id = $1",
                cancellationToken, id, now);
            return;
        }

        logger.LogWarning("Alert delivery {Delivery} failed on attempt {Attempt}: {Error}", id, attempts, error);
        await dataSource.ExecuteAsync("""
            UPDATE alert_deliveries SET status = CASE WHEN $2 >= $5 THEN 'failed' ELSE 'pending' END, next_attempt_at = $3, last_error = $4 WHERE id = $1
            """, cancellationToken, id, attempts, now + Backoff(attempts), error, MaxAttempts);
    }
}
