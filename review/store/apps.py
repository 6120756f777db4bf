from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "review.store"
    label = "store"
    verbose_name = "Päätökset"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from review.store import signals  # noqa: F401  (refused logins into the audit trail)
