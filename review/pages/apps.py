from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "review.pages"
    label = "pages"
    verbose_name = "Katselmointi"
