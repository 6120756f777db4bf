"""What sqlfluff's jinja templater needs beyond dbt's builtins to render our SQL without a
database (`make lint`): env_var with its default, and an adapter that knows no columns.
Nothing here runs in dbt."""


def env_var(name: str, default: str = "0") -> str:
    return default


class adapter:  # noqa: N801 - the name dbt gives it in templates
    @staticmethod
    def get_columns_in_relation(relation) -> list:
        return []

    @staticmethod
    def get_relation(database=None, schema=None, identifier=None):
        return None
