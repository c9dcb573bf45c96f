-- ASP.NET Core's data-protection key ring (it signs and encrypts sign-in cookies and antiforgery tokens).
-- Kept in the database so that every studio instance shares it and a restart does not sign everyone out.

CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL,
    created_at     timestamptz NOT NULL
);
