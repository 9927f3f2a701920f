"""The programme calendar: thin views over programme.pages and the domain modules."""

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cohorts.models import Cohort
from core.csvsafe import csv_response
from core.dates import LONDON
from core.refusals import posted, submit
from programme import attendance, events, forms, ics, pages, replies
from programme.access import require
from programme.models import Attendee, Event, Invitation
from programme.rules import member_ids_for


def load_cohort(slug):
    return get_object_or_404(Cohort.objects.select_related("round"), round__slug=slug)


def load_event(pk):
    return get_object_or_404(Event.objects.select_related("cohort__round"), pk=pk)


@require("programme.manage_calendar")
def calendar(request, slug):
    cohort = load_cohort(slug)
    return render(
        request, "programme/calendar.html", {"cohort": cohort, "events": pages.calendar(cohort)}
    )


def _event_initial(event):
    starts = event.starts_at.astimezone(LONDON)
    ends = event.ends_at.astimezone(LONDON)
    return {
        "kind": event.kind,
        "title": event.title,
        "starts_on": starts.date(),
        "starts_time": starts.time(),
        "ends_on": ends.date(),
        "ends_time": ends.time(),
        "place": event.place,
        "online_link": event.online_link,
        "description": event.description,
        "places_each": event.places_each,
        "members": [str(pk) for pk in event.invitations.values_list("member_id", flat=True)],
    }


@require("programme.manage_calendar")
def create_event(request, slug):
    cohort = load_cohort(slug)
    members = list(cohort.members.order_by("position", "partnership_name"))
    form = forms.EventForm(
        posted(request),
        members=members,
        initial={
            "places_each": 2,
            "members": [str(m.pk) for m in members],
            "starts_time": dt.time(10),
            "ends_time": dt.time(16),
        },
    )
    created = {}

    def action(data):
        created["event"] = events.create_event(
            cohort, request.user, form.details(), form.chosen_members()
        )

    if submit(request, form, action):
        event = created["event"]
        messages.success(
            request, f"{event.title} added; {event.invitations.count()} partnerships invited"
        )
        return redirect("programme:event", pk=event.pk)
    return render(
        request,
        "programme/event_form.html",
        {
            "cohort": cohort,
            "form": form,
            "heading": "Add an event",
            "button": "Add event and invite",
        },
    )


@require("programme.manage_calendar")
def change_event(request, pk):
    event = load_event(pk)
    members = list(event.cohort.members.order_by("position", "partnership_name"))
    form = forms.EventForm(posted(request), members=members, initial=_event_initial(event))
    changed = {}

    def action(data):
        changed["what"] = events.change_event(
            event, request.user, form.details(), form.chosen_members()
        )

    if submit(request, form, action):
        if changed["what"]:
            messages.success(request, "Event changed: everyone invited is being told")
        else:
            messages.info(request, "Event saved")
        return redirect("programme:event", pk=event.pk)
    return render(
        request,
        "programme/event_form.html",
        {
            "cohort": event.cohort,
            "event": event,
            "form": form,
            "heading": "Change the event",
            "button": "Save and tell everyone invited",
        },
    )


@require("programme.manage_calendar")
def cancel_event(request, pk):
    event = load_event(pk)
    form = forms.CancelForm(posted(request))

    def action(data):
        events.cancel_event(event, request.user, data["reason"])

    if submit(request, form, action):
        messages.success(request, "Event cancelled: everyone invited is being told")
        return redirect("programme:event", pk=event.pk)
    return render(
        request,
        "programme/form.html",
        {
            "event": event,
            "form": form,
            "heading": f"Cancel {event.title}",
            "button": "Cancel the event",
            "warning": True,
        },
    )


@require("programme.see_event", load_event)
def event(request, event):
    staff = request.user.has_perm("programme.manage_calendar")
    context = pages.event_page(event, None if staff else member_ids_for(request.user))
    return render(request, "programme/event.html", context)


def load_invitation(pk, member):
    return get_object_or_404(
        Invitation.objects.select_related("event__cohort__round", "member"),
        event_id=pk,
        member_id=member,
    )


@require("programme.reply_to_event", load_invitation)
def reply(request, invitation):
    event = invitation.event
    names = "\n".join(a.name for a in invitation.attendees.all())
    initial = {"names": names}
    if invitation.reply != Invitation.Reply.NONE:
        initial["attending"] = "yes" if invitation.reply == Invitation.Reply.ATTENDING else "no"
    form = forms.ReplyForm(posted(request), initial=initial, places=event.places_each)

    def action(data):
        replies.reply(
            invitation,
            request.user,
            attending=data["attending"] == "yes",
            names=form.name_list(),
        )

    if submit(request, form, action):
        messages.success(request, f"Reply sent for {invitation.member.partnership_name}")
        return redirect("programme:event", pk=event.pk)
    return render(
        request,
        "programme/reply.html",
        {"event": event, "invitation": invitation, "form": form},
    )


@require("programme.record_attendance")
def record_attendance(request, pk):
    event = load_event(pk)
    attendees = list(
        Attendee.objects.filter(invitation__event=event)
        .select_related("invitation__member")
        .order_by(
            "invitation__member__position", "invitation__member__partnership_name", "position"
        )
    )
    initial = {"attended": [str(a.pk) for a in attendees if a.attended]}
    form = forms.AttendanceForm(posted(request), initial=initial, attendees=attendees)

    def action(data):
        attendance.record_attendance(
            event, request.user, attended_ids={int(pk) for pk in data["attended"]}
        )

    if submit(request, form, action):
        messages.success(request, "Attendance recorded")
        return redirect("programme:event", pk=event.pk)
    return render(
        request,
        "programme/attendance.html",
        {"event": event, "form": form, "attendees": attendees},
    )


@require("programme.see_event", load_event)
def event_ics(request, event):
    response = HttpResponse(
        ics.event_calendar(event),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="leading-places-event-{event.pk}.ics"'
    return response


@require("programme.manage_calendar")
def attendance_csv(request, pk):
    event = load_event(pk)
    return csv_response(
        f"leading-places-event-{event.pk}-attendance.csv",
        pages.ATTENDANCE_HEADER,
        pages.attendance_rows(event),
    )
