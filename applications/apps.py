from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Rounds, organisations and bids"

    def ready(self):
        from applications.reference import district_hexes
        from core import hexmap

        # The district map's layout comes from this app's reference data.
        hexmap.use_layout(district_hexes)
