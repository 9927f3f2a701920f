from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Rounds, organisations and bids"

    def ready(self):
        from applications import emails
        from notifications import attachments

        attachments.register(emails.BID_PDF, emails.render_bid_pdf)
