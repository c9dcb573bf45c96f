-- A request to the assistant holds a place in its tenant's hourly limit from the check until its exchange is stored
-- (or the provider fails). Checks take turns per tenant, so requests made at the same moment count each other and the
-- limit is exact. A place left behind by a crash counts for an hour, like the request it was.
CREATE TABLE assistant_reservations (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    reserved_at  timestamptz NOT NULL
);

CREATE INDEX assistant_reservations_tenant ON assistant_reservations (tenant_id, reserved_at);
