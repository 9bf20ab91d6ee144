from django.template.loader import render_to_string
from django.urls import path
from wagtail import hooks

from . import views
from .models import Category
from .review import review_problems
from .spans import current_transcript


@hooks.register("register_admin_urls")
def register_redaction_urls():
    return [
        path(
            "redaction/interviews/<int:interview_id>/",
            views.interview_view,
            name="redaction_interview",
        ),
        path(
            "redaction/interviews/<int:interview_id>/prepare/",
            views.prepare,
            name="redaction_prepare",
        ),
        path(
            "redaction/transcripts/<int:transcript_id>/suggest/",
            views.suggest,
            name="redaction_suggest",
        ),
        path("redaction/transcripts/<int:transcript_id>/add/", views.add, name="redaction_add"),
        path(
            "redaction/transcripts/<int:transcript_id>/decide/",
            views.decide_spans,
            name="redaction_decide",
        ),
        path(
            "redaction/photos/<int:photo_id>/rectangles/",
            views.add_rectangle,
            name="redaction_add_rectangle",
        ),
        path(
            "redaction/rectangles/<int:rectangle_id>/remove/",
            views.remove_rectangle,
            name="redaction_remove_rectangle",
        ),
        path(
            "redaction/files/<str:kind>/<int:pk>/",
            views.serve_derivative,
            name="redaction_derivative",
        ),
    ]


@hooks.register("ingest_interview_panel")
def redaction_summary(request, interview):
    if not request.user.has_perm("redaction.view_redactionspan"):
        return ""
    has_transcript = any(current_transcript(r) for r in interview.recordings.all())
    return render_to_string(
        "redaction/interview_panel.html",
        {
            "interview": interview,
            "has_transcript": has_transcript,
            "problems": review_problems(interview, views.alter_voice_for(interview)),
        },
        request=request,
    )


@hooks.register("transcript_editor_panel")
def redact_from_the_editor(request, transcript):
    if not request.user.has_perm("redaction.add_redactionspan") or transcript.task != "transcribe":
        return ""
    return render_to_string(
        "redaction/editor_panel.html",
        {"transcript": transcript, "categories": Category.choices},
        request=request,
    )
