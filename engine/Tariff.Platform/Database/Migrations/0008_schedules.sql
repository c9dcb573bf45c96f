-- Billing schedules, versioned like plans, and the tables of Quartz.NET's clustered ADO.NET job store.

CREATE TABLE schedules (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    code              text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    draft_text        text NOT NULL,
    draft_updated_at  timestamptz NOT NULL,
    draft_updated_by  text NOT NULL,
    -- A paused schedule keeps its versions and fires no more.
    enabled           boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, code)
);

CREATE TABLE schedule_versions (
    schedule_id   uuid NOT NULL REFERENCES schedules (id),
    version       integer NOT NULL CHECK (version > 0),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    text          text NOT NULL,
    document      jsonb NOT NULL,
    comment       text NOT NULL DEFAULT '',
    origin        text NOT NULL CHECK (origin IN ('typed', 'assistant', 'rollback')),
    published_at  timestamptz NOT NULL,
    published_by  text NOT NULL,
    PRIMARY KEY (schedule_id, version)
);

CREATE FUNCTION refuse_change_of_published_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% version % is published and cannot change', TG_TABLE_NAME, OLD.version
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER schedule_versions_immutable BEFORE UPDATE OR DELETE ON schedule_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_published_version();

-- A scheduled run records its schedule and the instant it was due; the unique index makes each firing bill once,
-- whichever instance of a cluster picks it up, and even if two ever did.
ALTER TABLE billing_runs ADD COLUMN schedule_id uuid REFERENCES schedules (id);
ALTER TABLE billing_runs ADD COLUMN schedule_version integer;
ALTER TABLE billing_runs ADD COLUMN fire_time timestamptz;
CREATE UNIQUE INDEX billing_runs_once_per_firing ON billing_runs (schedule_id, fire_time) WHERE schedule_id IS NOT NULL;

-- Quartz.NET 3.x job store (the layout its PostgreSQL delegate reads and writes).
CREATE TABLE qrtz_job_details (
    sched_name         text NOT NULL,
    job_name           text NOT NULL,
    job_group          text NOT NULL,
    description        text,
    job_class_name     text NOT NULL,
    is_durable         boolean NOT NULL,
    is_nonconcurrent   boolean NOT NULL,
    is_update_data     boolean NOT NULL,
    requests_recovery  boolean NOT NULL,
    job_data           bytea,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_triggers (
    sched_name              text NOT NULL,
    trigger_name            text NOT NULL,
    trigger_group           text NOT NULL,
    job_name                text NOT NULL,
    job_group               text NOT NULL,
    description             text,
    next_fire_time          bigint,
    prev_fire_time          bigint,
    priority                integer,
    trigger_state           text NOT NULL,
    trigger_type            text NOT NULL,
    start_time              bigint NOT NULL,
    end_time                bigint,
    calendar_name           text,
    misfire_instr           smallint,
    misfire_orig_fire_time  bigint,
    execution_group         varchar(200),
    preferred_node          varchar(200),
    preferred_node_auto     boolean NOT NULL DEFAULT false,
    job_data                bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_simple_triggers (
    sched_name       text NOT NULL,
    trigger_name     text NOT NULL,
    trigger_group    text NOT NULL,
    repeat_count     bigint NOT NULL,
    repeat_interval  bigint NOT NULL,
    times_triggered  bigint NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_simprop_triggers (
    sched_name     text NOT NULL,
    trigger_name   text NOT NULL,
    trigger_group  text NOT NULL,
    str_prop_1     text,
    str_prop_2     text,
    str_prop_3     text,
    int_prop_1     integer,
    int_prop_2     integer,
    long_prop_1    bigint,
    long_prop_2    bigint,
    dec_prop_1     numeric,
    dec_prop_2     numeric,
    bool_prop_1    boolean,
    bool_prop_2    boolean,
    time_zone_id   text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name       text NOT NULL,
    trigger_name     text NOT NULL,
    trigger_group    text NOT NULL,
    cron_expression  text NOT NULL,
    time_zone_id     text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name     text NOT NULL,
    trigger_name   text NOT NULL,
    trigger_group  text NOT NULL,
    blob_data      bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name     text NOT NULL,
    calendar_name  text NOT NULL,
    calendar       bytea NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE qrtz_paused_trigger_grps (
    sched_name     text NOT NULL,
    trigger_group  text NOT NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_fired_triggers (
    sched_name         text NOT NULL,
    entry_id           text NOT NULL,
    trigger_name       text NOT NULL,
    trigger_group      text NOT NULL,
    instance_name      text NOT NULL,
    fired_time         bigint NOT NULL,
    sched_time         bigint NOT NULL,
    priority           integer NOT NULL,
    state              text NOT NULL,
    job_name           text,
    job_group          text,
    is_nonconcurrent   boolean NOT NULL,
    requests_recovery  boolean,
    execution_group    varchar(200),
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_scheduler_state (
    sched_name         text NOT NULL,
    instance_name      text NOT NULL,
    last_checkin_time  bigint NOT NULL,
    checkin_interval   bigint NOT NULL,
    PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE qrtz_locks (
    sched_name  text NOT NULL,
    lock_name   text NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

CREATE INDEX qrtz_t_next_fire_time_idx ON qrtz_triggers (sched_name, next_fire_time);
CREATE INDEX qrtz_t_state_idx ON qrtz_triggers (sched_name, trigger_state);
CREATE INDEX qrtz_t_nft_st_idx ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
CREATE INDEX qrtz_ft_trig_inst_name_idx ON qrtz_fired_triggers (sched_name, instance_name);
CREATE INDEX qrtz_ft_trig_nm_gp_idx ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
