from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Rounds, organisations and bids"

    def ready(self):
        from applications import emails
        from applications import rules as _rules  # noqa: F401  (registers the permissions)
        from applications.reference import district_hexes
        from core import hexmap
        from notifications import attachments

        # The district map's layout comes from this app's reference data.
        hexmap.use_layout(district_hexes)

        attachments.register(emails.BID_PDF, emails.render_bid_pdf)
