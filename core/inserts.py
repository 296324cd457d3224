"""One new row, one INSERT: for the hot paths (a citizen's rating, issue 19) where building the ORM's INSERT for
every save costs more than the database's work.

``insert_one`` stores an unsaved instance the way ``save(force_insert=True)`` would (each field's own pre_save, so
``auto_now_add`` and defaults apply; the database's value for an auto primary key), with SQL built once per model
and database. It sends no signals and writes no audit entry: use it for records that are their own log."""

from django.db import connections

_SQL = {}


def _fields(model):
    return [field for field in model._meta.local_concrete_fields if not (field.primary_key and field.db_returning)]


def _sql(model, connection):
    key = (model, connection.alias)
    if key not in _SQL:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in _fields(model))
        placeholders = ", ".join(["%s"] * len(_fields(model)))
        _SQL[key] = (f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}) "
                     f"RETURNING {quote(model._meta.pk.column)}")
    return _SQL[key]


def insert_one(instance, using="default"):
    """INSERT ``instance`` (unsaved) and give it its primary key; a constraint it breaks raises IntegrityError."""
    connection = connections[using]
    params = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in _fields(type(instance))]
    with connection.cursor() as cursor:
        cursor.execute(_sql(type(instance), connection), params)
        instance.pk = cursor.fetchone()[0]
    instance._state.adding = False
    instance._state.db = using
    return instance
