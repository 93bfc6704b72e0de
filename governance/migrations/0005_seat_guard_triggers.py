"""A database guard for n.º 4: no entity ever has more active representatives than seats.

Model validation gives the clear message on every form, the admin and the services; this
trigger is the last line for writes that skip validation (a shell, a bulk import, raw SQL).
On PostgreSQL it locks the entity row, so two concurrent transactions cannot both take the
last seat; SQLite serialises writers by itself.
"""

from django.db import migrations

MESSAGE = "governance_seats_exceeded"

POSTGRESQL_CREATE = f"""
CREATE FUNCTION governance_seats_guard() RETURNS trigger AS $$
DECLARE
    guarded_entity bigint;
    seat_count integer;
    holders integer;
BEGIN
    IF TG_TABLE_NAME = 'governance_user' THEN
        IF NEW.role <> 'representative' OR NOT NEW.is_active OR NEW.entity_id IS NULL THEN
            RETURN NULL;
        END IF;
        guarded_entity := NEW.entity_id;
    ELSE
        guarded_entity := NEW.id;
    END IF;
    SELECT seats INTO seat_count FROM governance_entity WHERE id = guarded_entity FOR UPDATE;
    SELECT count(*) INTO holders FROM governance_user
        WHERE entity_id = guarded_entity AND role = 'representative' AND is_active;
    IF holders > seat_count THEN
        RAISE EXCEPTION '{MESSAGE}: entity % has % active representatives for % seats',
            guarded_entity, holders, seat_count USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER governance_user_seats_guard
    AFTER INSERT OR UPDATE OF role, entity_id, is_active ON governance_user
    FOR EACH ROW EXECUTE FUNCTION governance_seats_guard();
CREATE TRIGGER governance_entity_seats_guard
    AFTER UPDATE OF seats ON governance_entity
    FOR EACH ROW EXECUTE FUNCTION governance_seats_guard();
"""

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS governance_user_seats_guard ON governance_user;
DROP TRIGGER IF EXISTS governance_entity_seats_guard ON governance_entity;
DROP FUNCTION IF EXISTS governance_seats_guard();
"""

_SQLITE_HOLDERS_EXCEED = """
    SELECT RAISE(ABORT, '{message}')
    WHERE (SELECT count(*) FROM governance_user
           WHERE entity_id = {entity} AND role = 'representative' AND is_active)
        > (SELECT seats FROM governance_entity WHERE id = {entity});
"""
_SQLITE_USER_WHEN = "NEW.role = 'representative' AND NEW.is_active AND NEW.entity_id IS NOT NULL"

SQLITE_CREATE = [
    f"""CREATE TRIGGER governance_user_seats_guard_insert AFTER INSERT ON governance_user
    WHEN {_SQLITE_USER_WHEN}
    BEGIN {_SQLITE_HOLDERS_EXCEED.format(message=MESSAGE, entity="NEW.entity_id")} END;""",
    f"""CREATE TRIGGER governance_user_seats_guard_update
    AFTER UPDATE OF role, entity_id, is_active ON governance_user
    WHEN {_SQLITE_USER_WHEN}
    BEGIN {_SQLITE_HOLDERS_EXCEED.format(message=MESSAGE, entity="NEW.entity_id")} END;""",
    f"""CREATE TRIGGER governance_entity_seats_guard AFTER UPDATE OF seats ON governance_entity
    BEGIN {_SQLITE_HOLDERS_EXCEED.format(message=MESSAGE, entity="NEW.id")} END;""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS governance_user_seats_guard_insert;",
    "DROP TRIGGER IF EXISTS governance_user_seats_guard_update;",
    "DROP TRIGGER IF EXISTS governance_entity_seats_guard;",
]


def create_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("governance", "0004_meeting_role_permissions")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
