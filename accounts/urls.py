from django.urls import path

from accounts import views, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/check-your-email/", views.sign_up_done, name="sign_up_done"),
    path("sign-up/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("sign-in/", views.sign_in, name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("", views.home, name="home"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/set-up/", views_two_factor.setup, name="two_factor_setup"),
    path("two-factor/code/", views_two_factor.verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/",
        views_two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "two-factor/recovery-codes/new/",
        views_two_factor.new_recovery_codes,
        name="two_factor_new_recovery_codes",
    ),
    path("two-factor/turn-off/", views_two_factor.turn_off, name="two_factor_turn_off"),
    path("two-factor/reset/", views_two_factor.reset, name="two_factor_reset"),
]
