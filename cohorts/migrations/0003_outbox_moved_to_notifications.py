from django.db import migrations


def copy_messages(apps, schema_editor):
    """Every decision email, with its state, moves to the service-wide outbox."""
    Old = apps.get_model("cohorts", "OutboundMessage")
    New = apps.get_model("notifications", "OutboxMessage")
    rows = [
        New(
            key=f"decision:{m.bid_id}:{m.kind}:{m.to_email}",
            kind=m.kind,
            round_id=m.round_id,
            bid_id=m.bid_id,
            recipient_id=m.recipient_id,
            to_email=m.to_email,
            subject=m.subject,
            body=m.body,
            state=m.state,
            error=m.error,
            attempts=m.attempts,
            created_at=m.created_at,
            queued_at=m.queued_at,
            claimed_at=m.claimed_at,
            claim=m.claim,
            sent_at=m.sent_at,
        )
        for m in Old.objects.order_by("pk").iterator()
    ]
    New.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_emailtemplate_offer_outboundmessage"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_messages, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutboundMessage"),
    ]
