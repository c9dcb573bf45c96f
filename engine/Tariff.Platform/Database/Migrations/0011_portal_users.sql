-- Portal logins: a user with the consumer role belongs to exactly one consumer and sees only its data.
ALTER TABLE users ADD COLUMN consumer_id uuid REFERENCES consumers (id);
CREATE INDEX users_consumer ON users (consumer_id) WHERE consumer_id IS NOT NULL;
