from django import forms
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import views
from .forms import ConsentForm
from .models import ConsentRecord
from .permissions import consent_policy


class ConsentCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        interview = self.request.GET.get("interview", "")
        if interview.isdigit():
            initial["interview"] = int(interview)
        return initial


class ConsentViewSet(SnippetViewSet):
    model = ConsentRecord
    add_view_class = ConsentCreateView
    icon = "tick-inverse"
    menu_label = _("Consent")
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["interview", "method", "given_on", "embargo_until", "withdrawn_on"]
    list_filter = ["method", "name_shown"]
    edit_handler = ObjectList(
        [
            FieldPanel("interview"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("method"), FieldPanel("given_on")]),
                    # A plain file input: the default one links to a URL that private files lack.
                    FieldPanel("signed_form", widget=forms.FileInput),
                    HelpPanel(template="consent/signed_form_panel.html"),
                    FieldPanel("verbal_at_seconds"),
                    FieldRowPanel([FieldPanel("witness"), FieldPanel("form_language")]),
                ],
                heading=_("How consent was given"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("publish_transcript"),
                    FieldPanel("publish_audio"),
                    FieldPanel("publish_photos"),
                    FieldPanel("name_shown"),
                    FieldPanel("voice_alteration_required"),
                    FieldPanel("translation_allowed"),
                    FieldRowPanel([FieldPanel("embargo_until"), FieldPanel("expires_on")]),
                    FieldPanel("restrictions"),
                ],
                heading=_("What the narrator agreed to"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("withdrawn_on"),
                    FieldPanel("withdrawn_recorded_by"),
                    FieldPanel("withdrawal_reason"),
                ],
                heading=_("Withdrawal: takes the testimony down everywhere at once"),
            ),
        ],
        base_form_class=ConsentForm,
    )


register_permission_policy(ConsentRecord, consent_policy)
register_snippet(ConsentViewSet)


@hooks.register("ingest_interview_panel")
def consent_summary(request, interview):
    if not request.user.has_perm("consent.view_consentrecord"):
        return ""
    consent = ConsentRecord.objects.filter(interview=interview).first()
    return render_to_string(
        "consent/interview_panel.html",
        {"interview": interview, "consent": consent, "problems": consent and consent.problems()},
        request=request,
    )


@hooks.register("register_admin_urls")
def register_consent_urls():
    return [path("consent/<int:pk>/signed-form/", views.signed_form, name="consent_signed_form")]


@hooks.register("register_log_actions")
def register_consent_log_actions(actions):
    actions.register_action(
        "testimonio.view_consent_form", _("View signed form"), _("Viewed a signed consent form")
    )
