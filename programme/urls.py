from django.urls import path

from programme import views_events as events
from programme import views_overview as overview
from programme import views_people as people
from programme import views_space as space

app_name = "programme"

urlpatterns = [
    path("", overview.home, name="home"),
    path("cohorts/<slug:slug>/", overview.overview, name="overview"),
    path("cohorts/<slug:slug>/overview.pdf", overview.overview_pdf, name="overview_pdf"),
    path("cohorts/<slug:slug>/events/", events.calendar, name="calendar"),
    path("cohorts/<slug:slug>/events/add/", events.create_event, name="create_event"),
    path("events/<int:pk>/", events.event, name="event"),
    path("events/<int:pk>/change/", events.change_event, name="change_event"),
    path("events/<int:pk>/cancel/", events.cancel_event, name="cancel_event"),
    path("events/<int:pk>/reply/<int:member>/", events.reply, name="reply"),
    path("events/<int:pk>/attendance/", events.record_attendance, name="attendance"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:pk>/attendance.csv", events.attendance_csv, name="attendance_csv"),
    path("partnerships/<int:pk>/", space.space, name="space"),
    path("partnerships/<int:pk>/leadership/add/", people.add_leader, name="add_leader"),
    path(
        "partnerships/<int:pk>/leadership/<int:person>/change/",
        people.change_leader,
        name="change_leader",
    ),
    path(
        "partnerships/<int:pk>/leadership/<int:person>/remove/",
        people.remove_leader,
        name="remove_leader",
    ),
    path("partnerships/<int:pk>/meetings/add/", people.record_meeting, name="record_meeting"),
    path("partnerships/<int:pk>/meetings/<int:meeting>/", space.meeting, name="meeting"),
    path(
        "partnerships/<int:pk>/meetings/<int:meeting>/change/",
        people.change_meeting,
        name="change_meeting",
    ),
    path(
        "partnerships/<int:pk>/meetings/<int:meeting>/remove/",
        people.remove_meeting,
        name="remove_meeting",
    ),
    path("partnerships/<int:pk>/team/add/", people.add_team_member, name="add_team_member"),
    path(
        "partnerships/<int:pk>/team/<int:person>/change/",
        people.change_team_member,
        name="change_team_member",
    ),
    path(
        "partnerships/<int:pk>/team/<int:person>/remove/",
        people.remove_team_member,
        name="remove_team_member",
    ),
    path(
        "partnerships/<int:pk>/team/<int:person>/lead/",
        people.make_lead_contact,
        name="make_lead_contact",
    ),
    path("partnerships/<int:pk>/challenge/reshape/", space.reshape, name="reshape"),
    path("partnerships/<int:pk>/milestones/add/", space.add_milestone, name="add_milestone"),
    path(
        "partnerships/<int:pk>/milestones/<int:milestone>/update/",
        space.update_milestone,
        name="update_milestone",
    ),
]
